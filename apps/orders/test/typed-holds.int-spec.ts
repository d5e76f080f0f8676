import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type OrderHoldV1, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, http, orderDue, resetOrders, startOrders, waitForCycleOrder, waitForStatus } from './support/orders-test-kit';

const dataOf = (e: EventEnvelope) => e.data as OrderLifecycleV1;
type Held = { status: string; holdReason: string | null; holds: OrderHoldV1[]; history: Array<{ fromStatus: string | null; toStatus: string; reason: string | null; actor: { sub: string; role: string } }> };

/** Typed holds: several open at once, each placed and cleared by someone, the order released only when none is left. */
describe('orders: typed holds', () => {
  const clock = new ControllableClock(new Date('2026-03-02T09:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1500 }] });
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const place = async (customerId = `cust-${randomUUID().slice(0, 6)}`) =>
    (await http(app).post('/orders').send({ customerId, channel: 'call-center', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] }).expect(201)).body as { orderId: string };
  const csr = (sub: string) => httpAs(app, 'csr', sub);
  const held = async (orderId: string) => (await csr('csr-read').get(`/orders/${orderId}`).expect(200)).body as Held;
  const ids = async (query: string) => ((await csr('csr-read').get(`/orders?${query}`).expect(200)).body.items as Array<{ orderId: string }>).map((o) => o.orderId);

  it('keeps the order on hold until every hold is cleared, naming who placed and who cleared each', async () => {
    const { orderId } = await place();
    await csr('csr-7').post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    const two = await csr('csr-8').post(`/orders/${orderId}/holds`).send({ type: 'credit', code: 'credit-limit', reason: 'over the credit limit' }).expect(201);
    expect(two.body).toMatchObject({ status: 'on-hold', holdReason: 'address check; over the credit limit' });
    expect(two.body.holds).toMatchObject([
      { type: 'manual', code: 'manual', reason: 'address check', placedBy: { sub: 'csr-7', role: 'csr' } },
      { type: 'credit', code: 'credit-limit', reason: 'over the credit limit', placedBy: { sub: 'csr-8', role: 'csr' } },
    ]);
    expect(await ids('hold=credit')).toEqual([orderId]);
    expect(await ids('hold=fraud')).toEqual([]);

    const credit = (two.body.holds as OrderHoldV1[])[1]!;
    const cleared = await csr('csr-9').post(`/orders/${orderId}/holds/${credit.holdId}/clear`).send({ reason: 'limit raised' }).expect(200);
    expect(cleared.body).toMatchObject({ status: 'on-hold', holdReason: 'address check' });
    expect(await ids('hold=credit')).toEqual([]);
    const again = await csr('csr-9').post(`/orders/${orderId}/holds/${credit.holdId}/clear`).send({ reason: 'twice' }).expect(409);
    expect(again.body.errors).toEqual([{ field: 'holdId', messages: [expect.stringContaining('was cleared already')] }]);
    await csr('csr-9').post(`/orders/${orderId}/holds/${randomUUID()}/clear`).send({ reason: 'which?' }).expect(404);

    const released = await csr('csr-10').post(`/orders/${orderId}/release-hold`).expect(200);
    expect(released.body).toMatchObject({ status: 'created', holdReason: null, statusBeforeHold: null });
    const after = await held(orderId);
    expect(after.holds).toMatchObject([
      { type: 'manual', clearedBy: { sub: 'csr-10', role: 'csr' }, clearReason: 'released with release-hold' },
      { type: 'credit', clearedBy: { sub: 'csr-9', role: 'csr' }, clearReason: 'limit raised' },
    ]);
    expect(after.history.map((h) => [h.fromStatus, h.toStatus, h.actor.sub])).toEqual([
      [null, 'created', 'admin-1'], ['created', 'on-hold', 'csr-7'], ['on-hold', 'on-hold', 'csr-8'], ['on-hold', 'on-hold', 'csr-9'], ['on-hold', 'created', 'csr-10'],
    ]);
    expect((await csr('csr-read').get(`/orders/${orderId}/holds`).expect(200)).body).toMatchObject({ total: 2, items: [{ type: 'manual' }, { type: 'credit' }] });

    const published = await events.waitFor((e) => e.subject === orderId, 5);
    expect(published.map((e) => [e.type, e.actorsub])).toEqual([
      [EventTypes.orderCreated, 'admin-1'], [EventTypes.orderOnHold, 'csr-7'], [EventTypes.orderHoldPlaced, 'csr-8'],
      [EventTypes.orderHoldCleared, 'csr-9'], [EventTypes.orderCreated, 'csr-10'],
    ]);
    expect(dataOf(published[2]!)).toMatchObject({ placedHolds: [{ type: 'credit', placedBy: { sub: 'csr-8', role: 'csr' } }], holds: [{ type: 'manual' }, { type: 'credit' }] });
    expect(dataOf(published[3]!)).toMatchObject({ clearedHolds: [{ type: 'credit', clearedBy: { sub: 'csr-9', role: 'csr' }, clearReason: 'limit raised' }], holds: [{ type: 'manual' }] });
    expect(dataOf(published[4]!).holds).toBeUndefined();
    expect(dataOf(published[4]!).clearedHolds).toMatchObject([{ type: 'manual', clearedBy: { sub: 'csr-10' } }]);
  });

  it('release-hold leaves a fraud hold to be cleared on its own; cancelling clears every open hold', async () => {
    const { orderId } = await place();
    await csr('csr-1').post(`/orders/${orderId}/holds`).send({ type: 'fraud', reason: 'caller could not confirm the address' }).expect(201);
    const refused = await csr('csr-1').post(`/orders/${orderId}/release-hold`).expect(409);
    expect(refused.body.message).toMatch(/fraud hold .* must be cleared on its own/);
    await csr('csr-1').post(`/orders/${orderId}/hold`).send({ reason: 'second look' }).expect(200);
    const cancelled = await csr('csr-2').post(`/orders/${orderId}/cancel`).send({ reason: 'customer gave up' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', holdReason: null });
    expect((cancelled.body as Held).holds.map((h) => [h.type, h.clearedBy?.sub, h.clearReason])).toEqual([
      ['fraud', 'csr-2', 'order cancelled: customer gave up'], ['manual', 'csr-2', 'order cancelled: customer gave up'],
    ]);
    expect(await ids('hold=fraud')).toEqual([]);
    const [event] = await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.orderCancelled);
    expect(dataOf(event!).clearedHolds).toHaveLength(2);
  });

  it('shows customers the status and a neutral reason only; people place neither pricing nor payment holds', async () => {
    const customerId = `cust-${randomUUID().slice(0, 6)}`;
    const { orderId } = await place(customerId);
    await csr('csr-1').post(`/orders/${orderId}/holds`).send({ type: 'fraud', reason: 'stolen card reported' }).expect(201);
    const own = await httpAs(app, 'customer', customerId).get(`/orders/${orderId}`).expect(200);
    expect(own.body).toMatchObject({ status: 'on-hold', holdReason: 'held for review' });
    expect(own.body.holds).toBeUndefined();
    expect(JSON.stringify(own.body)).not.toContain('stolen');
    await httpAs(app, 'customer', customerId).get('/orders?hold=fraud').expect(403);
    const refused = await csr('csr-1').post(`/orders/${orderId}/holds`).send({ type: 'payment', reason: 'x' }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['type']);
  });

  it('records a pricing hold placed by the service; the price arriving clears it but another hold keeps the order held', async () => {
    const late = { ...coffee, productId: randomUUID(), sku: `LATE-${randomUUID().slice(0, 6)}`, prices: [{ currency: 'EUR', amountMinor: 700 }] };
    const due = orderDue(randomUUID(), 0, [{ product: late, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [due]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    expect((await held(orderId)).holds).toMatchObject([{ type: 'pricing', code: 'price-missing', placedBy: { sub: 'system:orders', role: 'system' } }]);
    await csr('csr-3').post(`/orders/${orderId}/hold`).send({ reason: 'customer called' }).expect(200);

    await catalogProduct(app, late);
    await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.orderHoldCleared);
    const after = await getOrder(app, orderId);
    expect(after).toMatchObject({ status: 'on-hold', holdReason: 'customer called', totalMinor: 700, lines: [{ unitPriceMinor: 700 }] });
    await csr('csr-3').post(`/orders/${orderId}/release-hold`).expect(200);
    expect(await waitForStatus(app, orderId, 'created')).toMatchObject({ holdReason: null });
  });
});
