import type { INestApplication } from '@nestjs/common';
import {
  createEnvelope, cycleKeyFor, EventTypes, fixtures, Topics, type DunningFinalAction, type OrderDueV1, type PaymentEventV1, type ProductChangedV1,
} from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents, waitFor } from '@oms/testing';
import { PrismaService } from '../src/database/prisma.service';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

type Cycle = { paymentOutcome: string | null; paymentFailedAttempts: number; dunningOutcome: string | null; status: string };

/** A cycle order's payments in the cycle ledger and the job log, and the subscription's own dunning final action applied. */
describe('subscriptions: payment outcomes and the dunning final action', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.orderDue, Topics.subscriptionLifecycle]);
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await resetSubscriptions(app);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const subscribeAndOrder = async (dunningFinalAction?: DunningFinalAction) => {
    const { body } = await http(app).post('/subscriptions').send({
      customerId: 'cust-pay', currency: 'EUR', timeZone: 'Europe/Amsterdam', frequency: monthly, startDate: '2026-01-31', lines: [{ productId: coffee.productId, quantity: 1 }],
      ...(dunningFinalAction && { dunningFinalAction }),
    }).expect(201);
    clock.set(new Date('2026-02-01T00:00:00Z'));
    const run = await runJob(app);
    return { id: body.subscriptionId as string, runId: run.runId as string, created: body };
  };
  const payment = (subscriptionId: string, type: typeof EventTypes.paymentAuthorized | typeof EventTypes.paymentAuthorizationFailed, attempt: number, extra: Partial<PaymentEventV1> = {}) => {
    const base = fixtures.paymentAuthorizationFailed().data;
    return createEnvelope({
      type, source: '/orders', subject: 'order-pay-1', actor: { sub: 'system:orders-dunning', role: 'system' },
      data: {
        ...base, orderId: 'order-pay-1', subscriptionId, cycleIndex: 0, cycleKey: cycleKeyFor(subscriptionId, 0), attempt,
        status: type === EventTypes.paymentAuthorized ? 'succeeded' : 'failed', ...(type === EventTypes.paymentAuthorized ? { failureCode: undefined, dunning: undefined } : {}), ...extra,
      } as PaymentEventV1,
    });
  };
  const exhausted = (subscriptionId: string, finalAction: DunningFinalAction) =>
    fixtures.dunningExhausted({ orderId: 'order-pay-1', subscriptionId, cycleIndex: 0, cycleKey: cycleKeyFor(subscriptionId, 0), finalAction });
  const cycleZero = (subscriptionId: string, until: (cycle: Cycle) => boolean) =>
    waitFor(async () => (await http(app).get(`/subscriptions/${subscriptionId}/cycles`).expect(200)).body.items[0] as Cycle, until, { what: 'cycle 0 in the ledger' });
  const lifecycleOf = (subscriptionId: string, type: string) => events.waitFor((e) => e.subject === subscriptionId && e.type === type);

  it('takes dunningFinalAction on create and PATCH, shows it and carries it on the due event', async () => {
    const { id, created } = await subscribeAndOrder('cancel');
    expect(created.dunningFinalAction).toBe('cancel');
    const [due] = await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id);
    expect((due!.data as OrderDueV1).dunningFinalAction).toBe('cancel');
    await http(app).patch(`/subscriptions/${id}`).send({ dunningFinalAction: 'skip' }).expect(200);
    expect((await http(app).get(`/subscriptions/${id}`).expect(200)).body.dunningFinalAction).toBe('skip');
    const bad = await http(app).patch(`/subscriptions/${id}`).send({ dunningFinalAction: 'shrug' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('dunningFinalAction');
    const plain = await subscribeAndOrder();
    expect(plain.created.dunningFinalAction).toBeNull(); // the orders payment setting decides
  });

  it('records failing, then recovered with the failed attempts, in the ledger and the job run records', async () => {
    const { id, runId } = await subscribeAndOrder();
    const step = (failedAttempts: number) => ({ dunning: { failedAttempts, retries: 3, nextAttemptAt: '2026-02-02T08:00:00.000Z', finalAction: 'pause' as const } });
    await publishTestEvents(Topics.payment, [payment(id, EventTypes.paymentAuthorizationFailed, 1, step(1)), payment(id, EventTypes.paymentAuthorizationFailed, 2, step(2))]);
    expect(await cycleZero(id, (c) => c.paymentFailedAttempts === 2)).toMatchObject({ paymentOutcome: 'failing', paymentFailedAttempts: 2, dunningOutcome: null });
    await publishTestEvents(Topics.payment, [payment(id, EventTypes.paymentAuthorized, 3)]);
    expect(await cycleZero(id, (c) => c.paymentOutcome === 'recovered')).toMatchObject({ paymentOutcome: 'recovered', paymentFailedAttempts: 2 });
    const run = (await http(app).get(`/jobs/subscription-orders/runs/${runId}`).expect(200)).body;
    expect(run.records.items[0]).toMatchObject({ subscriptionId: id, cycleIndex: 0, outcome: 'emitted', payment: { outcome: 'recovered', failedAttempts: 2, dunningOutcome: null } });
  });

  it.each([
    ['pause', 'paused', EventTypes.subscriptionPaused, 'paused'],
    ['cancel', 'cancelled', EventTypes.subscriptionCancelled, 'cancelled'],
    ['skip', 'skipped', EventTypes.subscriptionCycleSkipped, 'active'],
  ] as const)('applies the final action %s once after the last step, as system:subscriptions with reasonCode payment-failed', async (action, outcome, type, status) => {
    const { id } = await subscribeAndOrder(action);
    const last = exhausted(id, action);
    await publishTestEvents(Topics.payment, [last, last]);
    expect(await cycleZero(id, (c) => c.paymentOutcome === 'exhausted')).toMatchObject({ status: 'emitted', paymentOutcome: 'exhausted', paymentFailedAttempts: 4, dunningOutcome: outcome });
    const [published] = await lifecycleOf(id, type);
    expect(published!.data).toMatchObject({ reasonCode: 'payment-failed', actor: { sub: 'system:subscriptions', role: 'system' } });
    expect((await http(app).get(`/subscriptions/${id}`).expect(200)).body.status).toBe(status);
    const again = exhausted(id, action); // another event id for the same cycle: applied once
    await publishTestEvents(Topics.payment, [again]);
    const prisma = app.get(PrismaService);
    await waitFor(() => prisma.processedEvent.count({ where: { consumer: 'subscriptions.payment-outcomes', eventId: again.id } }), (n) => n === 1, { what: 'the second exhausted event handled' });
    expect(events.events.filter((e) => e.subject === id && e.type === type)).toHaveLength(1);
  });
});
