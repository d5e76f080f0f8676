import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type DunningExhaustedV1, type OrderDueV1, type PaymentEventV1, type ProductChangedV1 } from '@oms/contracts';
import { CLOCK, ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, orderDue, prismaOf, resetOrders, waitForCycleOrder } from './support/orders-test-kit';
import { addCard, newCustomer, paymentsOf } from './support/payments-test-kit';

const DAY = 24 * 60 * 60 * 1000;

/** Subscription cycles whose card fails: the retry ladder (1, 3, 7 days in the subscription's zone), by the test clock. */
describe('orders: dunning for subscription cycles', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.payment]);
    app = await createServiceTestApp({
      service: 'orders', loadModule: async () => (await import('../src/app.module')).AppModule, env: { DUNNING_INTERVAL_MS: '0' }, overrides: [{ provide: CLOCK, useValue: clock }],
    });
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    await resetOrders(app);
    await prismaOf(app).$executeRaw`TRUNCATE payment, dunning_case, payment_setting`;
    clock.set(new Date('2026-03-01T08:00:00Z'));
  });
  afterAll(async () => {
    if (app) await prismaOf(app).$executeRaw`TRUNCATE payment_setting, dunning_case`;
    await app?.close();
    await events?.stop();
  });

  const cycleOrder = async (token: string, overrides: Partial<OrderDueV1> = {}) => {
    const customerId = newCustomer();
    await addCard(app, customerId, token);
    const due = orderDue(randomUUID(), 0, [{ product: coffee, quantity: 1 }], { customerId, timeZone: 'Europe/Amsterdam', ...overrides });
    await publishTestEvents(Topics.orderDue, [due]);
    return { customerId, orderId: await waitForCycleOrder(app, due.data.cycleKey) };
  };
  const run = async () => (await httpAs(app, 'ops').post('/payments/dunning/run').expect(200)).body as { retried: number; outcomes: Array<{ result: string }> };
  const failures = (orderId: string) => events.events.filter((e) => e.subject === orderId && e.type === EventTypes.paymentAuthorizationFailed);

  it('declines the first authorization and the first retry, approves the second retry and releases the order: two failure events', async () => {
    const { orderId } = await cycleOrder('tok_decline_first_2');
    expect((await getOrder(app, orderId)).status).toBe('on-hold');
    expect(await run()).toMatchObject({ retried: 0 });
    clock.advance(DAY);
    expect((await run()).outcomes).toEqual([{ orderId, result: 'declined' }]);
    clock.advance(2 * DAY);
    expect((await run()).outcomes).toEqual([{ orderId, result: 'authorized' }]);
    expect((await getOrder(app, orderId)).status).toBe('created');
    expect((await paymentsOf(app, orderId)).payments.map((p) => [p.attempt, p.status])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'succeeded']]);
    await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.paymentAuthorized);
    const failed = failures(orderId).map((e) => (e.data as PaymentEventV1).dunning);
    expect(failed).toEqual([
      { failedAttempts: 1, retries: 3, nextAttemptAt: '2026-03-02T08:00:00.000Z', finalAction: 'pause' },
      { failedAttempts: 2, retries: 3, nextAttemptAt: '2026-03-04T08:00:00.000Z', finalAction: 'pause' },
    ]);
    const cases = await httpAs(app, 'csr').get('/payments/dunning?status=recovered').expect(200);
    expect(cases.body.items[0]).toMatchObject({ orderId, status: 'recovered', failedAttempts: 2, attempts: [{ status: 'failed' }, { status: 'failed' }, { status: 'succeeded' }] });
  });

  it('after the last retry fails cancels the order and publishes the final action (cancel, per the settings)', async () => {
    await httpAs(app, 'admin').put('/settings/payments').send({ dunningFinalAction: 'cancel' }).expect(200);
    const { orderId } = await cycleOrder('tok_decline_insufficient_funds');
    for (const days of [1, 2, 4]) {
      clock.advance(days * DAY);
      await run();
    }
    expect((await getOrder(app, orderId)).status).toBe('cancelled');
    const [exhausted] = await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.dunningExhausted);
    expect(exhausted!.data as DunningExhaustedV1).toMatchObject({ finalAction: 'cancel', failedAttempts: 4, attempts: [{ attempt: 1 }, { attempt: 2 }, { attempt: 3 }, { attempt: 4 }] });
    await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.paymentAuthorizationFailed, 4);
    clock.advance(30 * DAY);
    expect(await run()).toMatchObject({ retried: 0 });
  });

  it("takes the subscription's own final action from its due event over the setting", async () => {
    await httpAs(app, 'admin').put('/settings/payments').send({ dunningFinalAction: 'cancel' }).expect(200);
    const { orderId } = await cycleOrder('tok_decline_insufficient_funds', { dunningFinalAction: 'skip' });
    const [failed] = await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.paymentAuthorizationFailed);
    expect((failed!.data as PaymentEventV1).dunning).toMatchObject({ failedAttempts: 1, finalAction: 'skip' });
    for (const days of [1, 2, 4]) {
      clock.advance(days * DAY);
      await run();
    }
    const [exhausted] = await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.dunningExhausted);
    expect(exhausted!.data as DunningExhaustedV1).toMatchObject({ finalAction: 'skip', failedAttempts: 4 });
  });

  it('opens the ladder at once for a cycle with no card where the channel needs one, next to a cycle with a card (one batch: declined on pg, created in Prisma)', async () => {
    await httpAs(app, 'admin').put('/settings/payments').send({ requireCardChannels: ['subscription'] }).expect(200);
    const withCard = newCustomer();
    await addCard(app, withCard, 'tok_approve');
    const paying = orderDue(randomUUID(), 0, [{ product: coffee, quantity: 1 }], { customerId: withCard, timeZone: 'Europe/Amsterdam' });
    const cardless = orderDue(randomUUID(), 0, [{ product: coffee, quantity: 1 }], { customerId: newCustomer(), timeZone: 'Europe/Amsterdam' });
    await publishTestEvents(Topics.orderDue, [paying, cardless]);
    const [paidId, refusedId] = [await waitForCycleOrder(app, paying.data.cycleKey), await waitForCycleOrder(app, cardless.data.cycleKey)];
    const [failed] = await events.waitFor((e) => e.subject === refusedId && e.type === EventTypes.paymentAuthorizationFailed);
    expect(failed!.data as PaymentEventV1).toMatchObject({ failureCode: 'no-payment-method', dunning: { failedAttempts: 1, nextAttemptAt: '2026-03-02T08:00:00.000Z' } });
    expect((await getOrder(app, refusedId)).holdReason).toContain('(no-payment-method)');
    await events.waitFor((e) => e.subject === paidId && e.type === EventTypes.paymentAuthorized);
    expect((await paymentsOf(app, paidId)).payments.map((p) => [p.attempt, p.status])).toEqual([[1, 'succeeded']]);
    const open = await httpAs(app, 'csr').get('/payments/dunning?status=open').expect(200);
    expect(open.body.items.map((c: { orderId: string }) => c.orderId)).toEqual([refusedId]);
  });

  it('retries at once when the customer stores a new card', async () => {
    const { customerId, orderId } = await cycleOrder('tok_decline_insufficient_funds');
    const added = await addCard(app, customerId, 'tok_approve');
    expect(added.retriedOrders).toEqual([{ orderId, result: 'authorized' }]);
    expect((await getOrder(app, orderId)).status).toBe('created');
    clock.advance(DAY);
    expect(await run()).toMatchObject({ retried: 0 });
  });
});
