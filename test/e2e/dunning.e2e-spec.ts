import { EventTypes, Topics, type EventEnvelope, type SubscriptionLifecycleV1 } from '@oms/contracts';
import type { MailSink } from '@oms/local-infra';
import { waitFor, type EventCollector } from '@oms/testing';
import { call, eventually, type Caller } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { runCycle, stockedProduct, subscribe } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Order = { orderId: string; orderNumber: string; status: string };
type Cycle = { cycleIndex: number; status: string; orderId: string | null; paymentOutcome: string | null; paymentFailedAttempts: number; dunningOutcome: string | null };
type Message = { template: string; recipient: string; status: string; subject: string };
type Sub = { customerId: string; subscriptionId: string };

const SKU = 'E2E-DUNNING-BEANS';
const DESK: Caller = { role: 'csr', sub: 'csr-dunning' };
const DAY = 24 * 60 * 60 * 1000;

/**
 * Dunning across the five services: subscription cycles whose card fails wait on a payment hold, away from the
 * warehouse; the orders ladder retries them 1, 3 and 7 days after the first failure (run here by hand on the business
 * clock), notifications emails the customer once per failed try, a success releases the order to fulfillment, and
 * after the last failure subscriptions applies the subscription's own final action, recorded on the cycle and published.
 */
describe('dunning: failed cycle payments retried, emailed, and settled per subscription', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;
  let lifecycle: EventCollector;

  beforeAll(async () => {
    // Stored cards are per database: the suites after this one start without them.
    run = await startE2e({ mail: 'dunning-mail', topics: [Topics.subscriptionLifecycle], clock: new Date('2026-01-01T00:00:00Z'), resetAfter: true });
    ({ system, sink, events: lifecycle } = run);
  }, 240000);

  afterAll(() => run?.stop());

  const subscribeWithCard = async (productId: string, token: string, overrides: Record<string, unknown> = {}): Promise<Sub> => {
    const customerId = `cust-dun-${token.replace(/^tok_/, '').slice(0, 12)}-${Math.random().toString(36).slice(2, 6)}`;
    await call(system, 'orders', 'POST', `/customers/${customerId}/payment-methods`, { providerToken: token, brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 }, [201], DESK);
    const subscriptionId = await subscribe(system, productId, {
      customerId, customerEmail: `${customerId}@example.com`, timeZone: 'Europe/Amsterdam', startDate: '2026-01-15', deliveryTime: '09:00', ...overrides,
    });
    return { customerId, subscriptionId };
  };
  const cycleOrder = (sub: Sub, status: string) =>
    eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${sub.subscriptionId}`, (p) => p.items[0]?.status === status).then((p) => p.items[0]!);
  const runDunning = async (at: Date) => {
    await system.setClock(at);
    return call<{ retried: number; outcomes: Array<{ orderId: string; result: string }> }>(system, 'orders', 'POST', '/payments/dunning/run', undefined, [200], 'ops');
  };
  const sentTo = (orderId: string, count: number) =>
    eventually<Page<Message>>(system, 'notifications', `/messages?orderId=${orderId}&limit=50`, (p) => p.items.filter((m) => m.status === 'sent').length >= count)
      .then((p) => p.items.filter((m) => m.status === 'sent'));
  const ledger = (sub: Sub, until: (cycle: Cycle) => boolean) =>
    eventually<Page<Cycle>>(system, 'subscriptions', `/subscriptions/${sub.subscriptionId}/cycles`, (p) => p.items[0] !== undefined && until(p.items[0])).then((p) => p.items[0]!);
  const published = (sub: Sub, type: string) =>
    lifecycle.waitFor((e: EventEnvelope) => e.subject === sub.subscriptionId && e.type === type).then(([e]) => e!.data as SubscriptionLifecycleV1);

  it('releases a cycle declined twice at the second retry with exactly two dunning emails; pauses or cancels the ones that never pay', async () => {
    const productId = await stockedProduct(system, SKU, 20);
    const recovers = await subscribeWithCard(productId, 'tok_decline_first_2');
    const pauses = await subscribeWithCard(productId, 'tok_decline_insufficient_funds'); // no final action of its own: the orders setting, pause
    const cancels = await subscribeWithCard(productId, 'tok_decline_insufficient_funds', { dunningFinalAction: 'cancel' });

    // 09:00 in Amsterdam: all three cycles come due; each order is born on a payment hold, and none reaches the warehouse.
    const first = new Date('2026-01-15T08:00:00Z');
    const run = await runCycle(system, first);
    expect(run.counts).toMatchObject({ emitted: 3 });
    const [held, paused, cancelled] = await Promise.all([recovers, pauses, cancels].map((sub) => cycleOrder(sub, 'on-hold')));
    await Promise.all([held, paused, cancelled].map((o) => sentTo(o!.orderId, 1)));
    expect((await call<Page<unknown>>(system, 'fulfillment', 'GET', `/reservations?orderId=${held!.orderId}`)).items).toEqual([]);
    expect(await ledger(recovers, (c) => c.paymentOutcome === 'failing')).toMatchObject({ paymentOutcome: 'failing', paymentFailedAttempts: 1 });

    // Day 1: the first retry fails for all three. Day 3: the second retry approves the first card.
    expect((await runDunning(new Date(first.getTime() + DAY))).outcomes.map((o) => o.result)).toEqual(['declined', 'declined', 'declined']);
    const day3 = await runDunning(new Date(first.getTime() + 3 * DAY));
    expect(day3.outcomes.find((o) => o.orderId === held!.orderId)?.result).toBe('authorized');
    await cycleOrder(recovers, 'released');
    await waitFor(() => call<Page<{ status: string }>>(system, 'fulfillment', 'GET', `/reservations?orderId=${held!.orderId}`),
      (p) => p.items.map((r) => r.status).join() === 'active', { timeoutMs: 30000, what: 'the recovered order reserved' });

    // Exactly two dunning emails (attempt 1 and 2 of 4, each with its next try in Amsterdam time); the success is another template.
    const mails = await sentTo(held!.orderId, 4);
    const all = await call<Page<Message>>(system, 'notifications', 'GET', `/messages?orderId=${held!.orderId}&limit=50`);
    expect(all.items.filter((m) => m.template === 'payment-failed')).toHaveLength(2); // sent or not: no third one queued
    expect(mails.map((m) => m.template).sort()).toEqual(['order-confirmation', 'payment-failed', 'payment-failed', 'payment-recovered']);
    const bodies = (await sink.messages()).filter((m) => m.headers['x-oms-template'] === 'payment-failed' && m.text.includes(held!.orderNumber)).map((m) => m.text);
    expect(bodies.sort()).toEqual([expect.stringContaining('This was attempt 1 of 4.'), expect.stringContaining('This was attempt 2 of 4.')]);
    expect(bodies.join()).toContain('We will try again on Friday, 16 January 2026 at 09:00 (Europe/Amsterdam).');
    expect(bodies.join()).toContain('your Visa ending 4242: your bank declined it');
    expect(await ledger(recovers, (c) => c.paymentOutcome === 'recovered')).toMatchObject({ status: 'emitted', orderId: held!.orderId, paymentOutcome: 'recovered', paymentFailedAttempts: 2 });
    const records = (await call(system, 'subscriptions', 'GET', `/jobs/subscription-orders/runs/${run.runId}`)).records.items as Array<{ subscriptionId: string; payment: unknown }>;
    expect(records.find((r) => r.subscriptionId === recovers.subscriptionId)?.payment).toEqual({ outcome: 'recovered', failedAttempts: 2, dunningOutcome: null });

    // Day 7: the last retry fails; each subscription's final action applies, as system:subscriptions, typed payment-failed.
    expect((await runDunning(new Date(first.getTime() + 7 * DAY))).outcomes.map((o) => o.result)).toEqual(['exhausted', 'exhausted']);
    expect(await ledger(pauses, (c) => c.dunningOutcome !== null)).toMatchObject({ paymentOutcome: 'exhausted', paymentFailedAttempts: 4, dunningOutcome: 'paused' });
    expect(await ledger(cancels, (c) => c.dunningOutcome !== null)).toMatchObject({ paymentOutcome: 'exhausted', paymentFailedAttempts: 4, dunningOutcome: 'cancelled' });
    expect(await published(pauses, EventTypes.subscriptionPaused)).toMatchObject({ status: 'paused', reasonCode: 'payment-failed', actor: { sub: 'system:subscriptions' } });
    expect(await published(cancels, EventTypes.subscriptionCancelled)).toMatchObject({ status: 'cancelled', reasonCode: 'payment-failed', actor: { sub: 'system:subscriptions' } });
    expect((await call(system, 'subscriptions', 'GET', `/subscriptions/${pauses.subscriptionId}`)).status).toBe('paused');
    expect((await call(system, 'subscriptions', 'GET', `/subscriptions/${cancels.subscriptionId}`)).status).toBe('cancelled');
    for (const [order, says] of [[paused!, 'your subscription is paused'], [cancelled!, 'your subscription is cancelled']] as const) {
      expect((await call<Order>(system, 'orders', 'GET', `/orders/${order.orderId}`)).status).toBe('cancelled');
      const sent = await sentTo(order.orderId, 4);
      expect(sent.map((m) => m.template)).toEqual(Array(4).fill('payment-failed')); // never released, so never confirmed
      const last = (await sink.messages()).filter((m) => m.headers['x-oms-template'] === 'payment-failed' && m.text.includes(`${order.orderNumber} `) && m.text.includes('attempt 4 of 4'));
      expect(last.map((m) => m.text)).toEqual([expect.stringContaining(says)]);
    }
  }, 180000);
});
