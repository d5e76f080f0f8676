import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderHoldV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { openHolds, toHoldV1 } from '../src/orders/holds/hold-rows';
import { OrderWriter } from '../src/orders/intake/order-writer.service';
import { WITH_LINES } from '../src/orders/order.mapper';
import { lockFullOrder, orderOfCycle, readFullOrder, updateOrderStatus } from '../src/orders/status/order-rows.sql';
import { catalogProduct, http, orderDue, prismaOf, reservation, resetOrders, startOrders, waitForStatus } from './support/orders-test-kit';
import { addCard, newCustomer } from './support/payments-test-kit';

/**
 * The hot path reads and moves orders in SQL (order-rows.sql.ts) and hands the
 * rows to code written against Prisma's model: the rows must be the model's,
 * value for value and type for type (BigInt amounts, Dates, JSON addresses).
 */
describe('orders: SQL order rows are the Prisma model rows', () => {
  const clock = new ControllableClock(new Date('2026-03-03T09:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1250 }] });
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
  });

  const viaPrisma = (orderId: string) => prismaOf(app).salesOrder.findUnique({ where: { id: orderId }, include: WITH_LINES });
  const shipTo = { name: 'Ann Smith', lines: ['Main 1'], postcode: '3511 AA', city: 'Utrecht', countryCode: 'NL', phone: '+31 6 1234 5678' };

  it('reads, locks and moves an order (status, hold columns) exactly as Prisma reads it', async () => {
    const body = { customerId: 'cust-rows', customerEmail: 'ann@example.com', channel: 'web', currency: 'EUR', shipTo, lines: [{ productId: coffee.productId, quantity: 2 }] };
    const { orderId } = (await http(app).post('/orders').send(body).expect(201)).body as { orderId: string };
    const prisma = prismaOf(app);
    expect(await readFullOrder(prisma, orderId)).toStrictEqual(await viaPrisma(orderId));
    expect(await prisma.$transaction((tx) => lockFullOrder(tx, orderId))).toStrictEqual(await viaPrisma(orderId));

    // Reserved then released in one transaction (SQL update), then a hold (hold columns set) and its release (cleared).
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationReserved, orderId)]);
    await waitForStatus(app, orderId, 'released');
    expect(await readFullOrder(prisma, orderId)).toStrictEqual(await viaPrisma(orderId));
    // Both moves are written by one statement: each event still carries the order as its move left it.
    const events = await prisma.outboxEvent.findMany({ where: { messageKey: orderId }, orderBy: { id: 'asc' } });
    const data = events.map((row) => (row.payload as { data: Record<string, unknown> }).data);
    expect(data.map((d) => [d['status'], d['reason']])).toEqual([
      ['created', undefined], ['reserved', expect.stringMatching(/^stock reserved/)], ['released', 'released to the warehouse'],
    ]);
    const apartFromMove = (d: Record<string, unknown>) => ({ ...d, status: null, reason: null });
    expect(apartFromMove(data[1]!)).toStrictEqual(apartFromMove(data[2]!));
    const held = await http(app).post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    expect(held.body).toMatchObject({ status: 'on-hold', statusBeforeHold: 'released', holdReason: 'address check' });
    expect(await readFullOrder(prisma, orderId)).toStrictEqual(await viaPrisma(orderId));
    const released = await http(app).post(`/orders/${orderId}/release-hold`).expect(200);
    expect(released.body).toMatchObject({ status: 'released', statusBeforeHold: null, holdReason: null });
    expect(statuses((await http(app).get(`/orders/${orderId}`).expect(200)).body)).toEqual(['created', 'reserved', 'released', 'on-hold', 'released']);
  });

  it('returns with a status change the open holds exactly as Prisma reads them, oldest first', async () => {
    const body = { customerId: 'cust-holds', customerEmail: 'ann@example.com', channel: 'web', currency: 'EUR', shipTo, lines: [{ productId: coffee.productId, quantity: 1 }] };
    const { orderId } = (await http(app).post('/orders').send(body).expect(201)).body as { orderId: string };
    const prisma = prismaOf(app);
    const actor = { actorSub: 'csr-1', actorRole: 'csr' };
    const change = (at: Date) => prisma.$transaction(async (tx) => updateOrderStatus(tx, (await lockFullOrder(tx, orderId))!, [{ status: 'on-hold', reason: null }], at, actor));
    await http(app).post(`/orders/${orderId}/holds`).send({ type: 'manual', code: 'address-check', reason: 'address check' }).expect(201);
    clock.advance(1_234);
    const placed = (await http(app).post(`/orders/${orderId}/holds`).send({ type: 'credit', code: 'credit-limit', reason: 'over the limit' }).expect(201)).body as { holds: OrderHoldV1[] };
    await http(app).post(`/orders/${orderId}/holds/${placed.holds[1]!.holdId}/clear`).send({ reason: 'paid' }).expect(200);
    await http(app).post(`/orders/${orderId}/holds`).send({ type: 'fraud', code: 'fraud-score', reason: 'review' }).expect(201);
    const { orders: [order], openHolds: holds } = await change(clock.now());
    expect(holds).toStrictEqual(await prisma.orderHold.findMany({ where: { orderId, clearedAt: null }, orderBy: { seq: 'asc' } }));
    expect(holds.map((h) => h.code)).toEqual(['address-check', 'fraud-score']);
    expect(order).toStrictEqual(await viaPrisma(orderId));
    await http(app).post(`/orders/${orderId}/cancel`).send({ reason: 'customer asked' }).expect(200);
    expect((await change(clock.now())).openHolds).toEqual([]);
  });

  it('writes a new order in SQL (lines, holds, history, pending authorization) and holds the rows Prisma reads back', async () => {
    const prisma = prismaOf(app);
    const taxCode = `t-${randomUUID().slice(0, 8)}`;
    const taxed = await catalogProduct(app, { taxCode, prices: [{ currency: 'EUR', amountMinor: 1000 }] });
    await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '21', validFrom: '2020-01-01' }).expect(201);
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const unpricedId = randomUUID();
    const lines = [
      { productId: taxed.productId, sku: taxed.sku, quantity: 2, unitPriceMinor: 1000, lineTotalMinor: 2000, kind: 'goods' as const, subscriptionLineId: randomUUID() },
      { productId: unpricedId, sku: 'NOT-IN-CATALOG', quantity: 1, unitPriceMinor: null, lineTotalMinor: null },
    ];
    const subscriptionId = randomUUID();
    const draft = {
      customerId, customerEmail: 'ann@example.com', customerName: 'Ann Smith', customerPhone: null, channel: 'subscription', createdBy: null, sourceRef: null,
      subscriptionId, cycleIndex: 3, cycleKey: `sub:${subscriptionId}:cycle:3`, currency: 'EUR', outOfStockPolicy: 'skip' as const, shipTo, billTo: null,
      deliveryMode: 'standard', screenForFraud: false, timeZone: 'Europe/Amsterdam', dunningFinalAction: 'cancel' as const,
      pricing: { lines, totalMinor: 2000, problems: [{ index: 1, message: 'product NOT-IN-CATALOG is not in the catalog' }] },
    };
    const cause = { event: orderDue(subscriptionId, 3, [{ product: taxed, quantity: 2 }]) };
    const write = () => prisma.$transaction((tx) => app.get(OrderWriter).insert(tx, draft, cause));

    const written = await write();
    expect(written).toMatchObject({ created: true, authorizationPending: true });
    const { order } = written;
    expect(order).toStrictEqual(await viaPrisma(order.id));
    expect(order).toMatchObject({ status: 'on-hold', statusBeforeHold: 'created', orderNumber: expect.stringMatching(/^SO-\d{6,}$/), totalMinor: 2420n, taxMinor: 420n });
    expect(order.lines.map((l) => [l.unitPriceMinor, l.taxMinor, l.kind])).toEqual([[1000n, 420n, 'goods'], [null, 0n, 'goods']]);
    expect(order.lines[0]).toMatchObject({ taxCode, taxRatePpm: 210000, subscriptionLineId: lines[0]!.subscriptionLineId });
    const holds = await prisma.orderHold.findMany({ where: { orderId: order.id }, orderBy: { seq: 'asc' } });
    expect(await openHolds(prisma, order.id)).toStrictEqual(holds);
    expect(holds.map((h) => [h.type, h.code, h.placedBySub, h.placedAt])).toEqual([
      ['pricing', 'price-missing', 'system:orders', clock.now()], ['payment', 'authorization-pending', 'system:orders', clock.now()],
    ]);
    expect(await prisma.orderStatusHistory.findMany({ where: { orderId: order.id } })).toMatchObject([{ fromStatus: null, toStatus: 'on-hold', reason: order.holdReason }]);
    expect(await prisma.pendingAuthorization.findUnique({ where: { orderId: order.id } })).toMatchObject({
      attempt: 1, timeZone: 'Europe/Amsterdam', finalAction: 'cancel', createdAt: clock.now(), sweepAfter: new Date(clock.now().getTime() + 5000),
    });
    // The created event carries the holds as they were written.
    const [outbox] = await prisma.outboxEvent.findMany({ where: { messageKey: order.id } });
    expect((outbox!.payload as { data: { holds: unknown[] } }).data.holds).toEqual(holds.map(toHoldV1));

    // The same cycle again creates nothing and answers the order there is.
    expect(await write()).toStrictEqual({ order, created: false, authorizationPending: false });
    expect(await orderOfCycle(prisma, draft.cycleKey)).toStrictEqual(order);
    expect(await prisma.salesOrder.count({ where: { cycleKey: draft.cycleKey } })).toBe(1);
  });

  it('answers null for an order that does not exist', async () => {
    expect(await readFullOrder(prismaOf(app), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

const statuses = (order: { history: Array<{ toStatus: string }> }) => order.history.map((h) => h.toStatus);
