import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { catalogProduct, channelOrder, orderDue, prismaOf, resetOrders, startOrders, waitForCycleOrder } from './support/orders-test-kit';

const dataOf = (e: EventEnvelope) => e.data as OrderLifecycleV1;
const NL = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
const DE = { name: 'Ann de Vries', lines: ['Unter den Linden 1'], postcode: '10117', city: 'Berlin', countryCode: 'DE' };

/** Fraud rules set over HTTP, scored when an order is placed; a score at the threshold holds the order until a csr clears it. */
describe('orders: fraud rules', () => {
  const clock = new ControllableClock(new Date('2026-03-02T09:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let tv: ProductChangedV1;

  const rules = {
    threshold: 50,
    orderTotalAbove: { score: 30, limits: [{ currency: 'EUR', amountMinor: 100_000 }] },
    ordersPerCustomer24h: { score: 50, maxOrders: 2 },
    countryMismatch: { score: 25 },
    newCustomerTotalAbove: { score: 20, limits: [{ currency: 'EUR', amountMinor: 50_000 }] },
    blockedEmails: { score: 100, emails: ['@fraud.test'] },
    blockedPostcodes: { score: 100, postcodes: ['6666xx'] },
  };

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    tv = await catalogProduct(app, { name: 'Television', prices: [{ currency: 'EUR', amountMinor: 60_000 }] });
    await httpAs(app, 'admin', 'admin-1').put('/settings/fraud-rules').send(rules).expect(200);
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    // The rules live in the service's database, which the other suites share: leave none behind.
    if (app) await prismaOf(app).$executeRaw`TRUNCATE fraud_rule_setting, fraud_rule_setting_change`;
    await app?.close();
    await events?.stop();
  });

  const csr = (sub = 'csr-1') => httpAs(app, 'csr', sub);
  const place = async (fields: Record<string, unknown>, quantity = 1) => (await csr('agent-7').post('/orders').send({
    customerId: `cust-${randomUUID().slice(0, 6)}`, channel: 'call-center', currency: 'EUR', shipTo: NL,
    lines: [{ productId: tv.productId, quantity }], ...fields,
  }).expect(201)).body as { orderId: string; status: string; holdReason: string | null; holds: Array<{ holdId: string; type: string; reason: string; placedBy: object }> };

  it('is set by admin only, read by customer service and operations, and every change is logged with its actor', async () => {
    expect((await csr().get('/settings/fraud-rules').expect(200)).body).toMatchObject({ ...rules, updatedAt: expect.any(String) });
    await csr().put('/settings/fraud-rules').send(rules).expect(403);
    await httpAs(app, 'customer', 'c-1').get('/settings/fraud-rules').expect(403);
    const bad = await httpAs(app, 'admin').put('/settings/fraud-rules').send({ threshold: 0, countryMismatch: { score: -1 }, colour: 'red' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'countryMismatch.score', 'threshold']);
    const log = await httpAs(app, 'ops').get('/settings/fraud-rules/changes').expect(200);
    expect(log.body.items[0]).toMatchObject({ rules, actor: { sub: 'admin-1', role: 'admin' }, at: expect.any(String) });
  });

  it('holds a call-center order whose score reaches the threshold, records the rules that fired, and a csr clears it', async () => {
    const order = await place({ billTo: DE }, 2); // 1200.00 EUR: above the total and the new-customer limits, billed in another country
    expect(order).toMatchObject({ status: 'on-hold', holdReason: 'held for review' });
    expect(order.holds).toMatchObject([{ type: 'fraud', code: 'fraud-score', placedBy: { sub: 'system:orders', role: 'system' } }]);
    expect(order.holds[0]!.reason).toBe('fraud score 75 reached 50: orderTotalAbove, countryMismatch, newCustomerTotalAbove');
    const evaluations = (await httpAs(app, 'ops').get(`/orders/${order.orderId}/fraud-evaluations`).expect(200)).body;
    expect(evaluations).toMatchObject({ total: 1, items: [{ score: 75, threshold: 50, held: true }] });
    expect(evaluations.items[0].firedRules.map((r: { rule: string }) => r.rule)).toEqual(['orderTotalAbove', 'countryMismatch', 'newCustomerTotalAbove']);
    expect((await csr().get('/orders?hold=fraud').expect(200)).body.items.map((o: { orderId: string }) => o.orderId)).toEqual([order.orderId]);
    await httpAs(app, 'customer', 'c-1').get(`/orders/${order.orderId}/fraud-evaluations`).expect(403);

    const [onHold] = await events.waitFor((e) => e.subject === order.orderId);
    expect(onHold!.type).toBe(EventTypes.orderOnHold);
    expect(dataOf(onHold!)).toMatchObject({
      placedHolds: [{ type: 'fraud', placedBy: { sub: 'system:orders' } }], fraudEvaluation: { score: 75, held: true, firedRules: expect.any(Array) },
    });

    const cleared = await csr('csr-5').post(`/orders/${order.orderId}/holds/${order.holds[0]!.holdId}/clear`).send({ reason: 'called the customer back' }).expect(200);
    expect(cleared.body).toMatchObject({ status: 'created', holds: [{ clearedBy: { sub: 'csr-5', role: 'csr' }, clearReason: 'called the customer back' }] });
    const [released] = await events.waitFor((e) => e.subject === order.orderId && e.type === EventTypes.orderCreated);
    expect(released!.actorsub).toBe('csr-5');
  });

  it('records a passing evaluation without a hold, and counts a customer\'s orders of the last 24 hours (channel intake too)', async () => {
    const customerId = `cust-${randomUUID().slice(0, 6)}`;
    const first = await place({ customerId });
    expect(first).toMatchObject({ status: 'created', holds: [] });
    const [created] = await events.waitFor((e) => e.subject === first.orderId);
    expect(dataOf(created!).fraudEvaluation).toMatchObject({ score: 20, held: false, firedRules: [{ rule: 'newCustomerTotalAbove' }] });
    clock.set(new Date('2026-03-02T15:00:00Z'));
    expect((await place({ customerId })).status).toBe('created');
    clock.set(new Date('2026-03-03T08:00:00Z'));
    const third = channelOrder({ customerId, channel: 'web', lines: [{ productId: tv.productId, sku: tv.sku, quantity: 1 }] });
    await publishTestEvents(Topics.channelOrder, [third]);
    const [held] = await events.waitFor((e) => dataOf(e).customerId === customerId && e.type === EventTypes.orderOnHold);
    expect(dataOf(held!).fraudEvaluation!.firedRules).toEqual([{ rule: 'ordersPerCustomer24h', score: 50, detail: '3 orders in 24 hours, more than 2' }]);
    clock.set(new Date('2026-03-04T16:00:00Z')); // the first two are more than 24 hours old now
    expect((await place({ customerId })).status).toBe('created');
    clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('blocks listed emails and postcodes, and leaves subscription cycles unscreened', async () => {
    expect((await place({ customerEmail: 'Mallory@FRAUD.test' })).holds[0]!.reason).toBe('fraud score 120 reached 50: newCustomerTotalAbove, blockedEmails');
    expect((await place({ shipTo: { ...NL, postcode: '6666 XX' } })).status).toBe('on-hold');
    const due = orderDue(randomUUID(), 0, [{ product: tv, quantity: 5 }], { customerEmail: 'mallory@fraud.test' });
    await publishTestEvents(Topics.orderDue, [due]);
    const cycleOrder = await waitForCycleOrder(app, due.data.cycleKey);
    expect((await csr().get(`/orders/${cycleOrder}`).expect(200)).body).toMatchObject({ status: 'created', holds: [] });
    expect((await csr().get(`/orders/${cycleOrder}/fraud-evaluations`).expect(200)).body.total).toBe(0);
  });
});
