import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { WITH_LINES } from '../src/orders/order.mapper';
import { lockFullOrder, readFullOrder } from '../src/orders/status/order-rows.sql';
import { catalogProduct, http, prismaOf, reservation, resetOrders, startOrders, waitForStatus } from './support/orders-test-kit';

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
    const held = await http(app).post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    expect(held.body).toMatchObject({ status: 'on-hold', statusBeforeHold: 'released', holdReason: 'address check' });
    expect(await readFullOrder(prisma, orderId)).toStrictEqual(await viaPrisma(orderId));
    const released = await http(app).post(`/orders/${orderId}/release-hold`).expect(200);
    expect(released.body).toMatchObject({ status: 'released', statusBeforeHold: null, holdReason: null });
    expect(statuses((await http(app).get(`/orders/${orderId}`).expect(200)).body)).toEqual(['created', 'reserved', 'released', 'on-hold', 'released']);
  });

  it('answers null for an order that does not exist', async () => {
    expect(await readFullOrder(prismaOf(app), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

const statuses = (order: { history: Array<{ toStatus: string }> }) => order.history.map((h) => h.toStatus);
