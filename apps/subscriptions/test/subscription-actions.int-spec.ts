import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector } from '@oms/testing';
import { act, dueOf, ledgerOf, runJobOn } from './support/lifecycle-test-kit';
import { catalogProduct, http, monthly, resetSubscriptions, startReplica } from './support/subscriptions-test-kit';

describe('subscription actions: pause and resume, cancel and reactivate', () => {
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
    await resetSubscriptions(app);
    clock.set(new Date('2026-01-01T00:00:00Z'));
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  // Monthly on the 15th at 09:00 UTC: cycle n is due on the 15th of month n+1.
  const create = async () => {
    const body = { customerId: 'cust-1', customerEmail: 'ann@example.com', currency: 'EUR', timeZone: 'UTC', frequency: monthly, startDate: '2026-01-15', lines: [{ productId: coffee.productId, quantity: 1 }] };
    return (await http(app).post('/subscriptions').send(body).expect(201)).body.subscriptionId as string;
  };
  const lifecycleOf = (id: string) => events.events.filter((e) => e.subject === id && e.type.startsWith('subscriptions.subscription.')).map((e) => e.type);

  it('pauses from a date until a date: the cycles in it are skipped for the pause, never ordered later, then it resumes by itself', async () => {
    const id = await create();
    const paused = await act(app, 'post', `/subscriptions/${id}/pause`, { from: '2026-02-01', resumeOn: '2026-04-01', reason: 'holiday' }, 200);
    expect(paused).toMatchObject({ status: 'active', pause: { from: '2026-02-01', resumeOn: '2026-04-01' }, nextDueAt: '2026-01-15T09:00:00.000Z' });
    await runJobOn(app, clock, '2026-01-20T00:00:00Z', '2026-02-20T00:00:00Z');
    expect((await http(app).get(`/subscriptions/${id}`).expect(200)).body).toMatchObject({ status: 'paused', nextDueAt: '2026-04-15T09:00:00.000Z' });
    await runJobOn(app, clock, '2026-03-20T00:00:00Z', '2026-04-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'skipped', 'pause'], [2, 'skipped', 'pause'], [3, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 2);
    expect(dueOf(events, id).map((d) => d.cycleIndex)).toEqual([0, 3]);
    const history = (await http(app).get(`/subscriptions/${id}/history`).expect(200)).body.items;
    expect(history.map((h: { action: string; actor: { role: string }; at: string }) => [h.action, h.actor.role, h.at])).toEqual([
      ['create', 'admin', '2026-01-01T00:00:00.000Z'], ['pause', 'admin', '2026-01-01T00:00:00.000Z'],
      ['pause', 'system', '2026-02-01T00:00:00.000Z'], ['resume', 'system', '2026-04-01T00:00:00.000Z'],
    ]);
    expect(history[1]).toMatchObject({ reason: 'holiday', before: { pause: null }, after: { pause: { from: '2026-02-01', resumeOn: '2026-04-01' } } });
    await events.waitFor((e) => e.subject === id && e.type === EventTypes.subscriptionResumed);
    expect(lifecycleOf(id)).toEqual([EventTypes.subscriptionCreated, EventTypes.subscriptionPaused, EventTypes.subscriptionPaused, EventTypes.subscriptionResumed]);
  });

  it('pauses now and resumes now: the next due date comes from the anchor and nothing paused is caught up', async () => {
    const id = await create();
    await runJobOn(app, clock, '2026-01-20T00:00:00Z');
    await act(app, 'post', `/subscriptions/${id}/pause`, {}, 200);
    const again = await act(app, 'post', `/subscriptions/${id}/pause`, {}, 409);
    expect(again).toMatchObject({ state: 'paused', message: 'cannot pause a subscription that is paused' });
    clock.set(new Date('2026-03-01T00:00:00Z')); // cycle 1 (Feb 15) came due during the pause; no job ran
    const resumed = await act(app, 'post', `/subscriptions/${id}/resume`, {}, 200);
    expect(resumed).toMatchObject({ status: 'active', pause: null, nextDueAt: '2026-03-15T09:00:00.000Z' });
    expect((await act(app, 'post', `/subscriptions/${id}/resume`, {}, 409)).state).toBe('active');
    await runJobOn(app, clock, '2026-03-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'skipped', 'pause'], [2, 'emitted', null]]);
  });

  it('cancels at period end: the cycle already ordered is the last; reactivate undoes it only before it takes effect', async () => {
    const id = await create();
    await runJobOn(app, clock, '2026-01-20T00:00:00Z');
    await act(app, 'post', `/subscriptions/${id}/cancel`, { when: 'period-end', reason: 'too much coffee' }, 200);
    await act(app, 'post', `/subscriptions/${id}/reactivate`, {}, 200);
    const pending = await act(app, 'post', `/subscriptions/${id}/cancel`, { when: 'period-end', reason: 'moving abroad' }, 200);
    expect(pending).toMatchObject({ status: 'active', pendingCancel: { firstCancelledCycle: 1 }, nextDueAt: null });
    await runJobOn(app, clock, '2026-02-20T00:00:00Z', '2026-03-20T00:00:00Z');
    expect((await http(app).get(`/subscriptions/${id}`).expect(200)).body).toMatchObject({ status: 'cancelled', pendingCancel: null, nextDueAt: null });
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null]]);
    expect((await act(app, 'post', `/subscriptions/${id}/reactivate`, {}, 409)).state).toBe('cancelled');
    expect((await act(app, 'post', `/subscriptions/${id}/pause`, {}, 409)).message).toBe('cannot pause a subscription that is cancelled');
    await events.waitFor((e) => e.subject === id && e.type === EventTypes.subscriptionCancelled);
    expect(lifecycleOf(id)).toEqual([
      EventTypes.subscriptionCreated, EventTypes.subscriptionCancelScheduled, EventTypes.subscriptionReactivated,
      EventTypes.subscriptionCancelScheduled, EventTypes.subscriptionCancelled,
    ]);
    const cancelled = events.events.find((e) => e.subject === id && e.type === EventTypes.subscriptionCancelled)!;
    expect(cancelled.data).toMatchObject({ when: 'period-end', cancelledAt: '2026-02-15T09:00:00.000Z', actor: { sub: 'system:subscriptions', role: 'system' } });
  });

  it('cancels now: nothing more is emitted', async () => {
    const id = await create();
    const cancelled = await act(app, 'post', `/subscriptions/${id}/cancel`, { when: 'now', reason: 'changed my mind' }, 200);
    expect(cancelled).toMatchObject({ status: 'cancelled', nextDueAt: null });
    await runJobOn(app, clock, '2026-02-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([]);
    expect((await act(app, 'post', `/subscriptions/${id}/cancel`, { when: 'now', reason: 'again' }, 409)).state).toBe('cancelled');
  });
});
