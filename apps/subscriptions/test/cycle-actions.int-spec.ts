import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector } from '@oms/testing';
import { act, dueOf, ledgerOf, runJobOn } from './support/lifecycle-test-kit';
import { catalogProduct, http, monthly, resetSubscriptions, startReplica } from './support/subscriptions-test-kit';

describe('subscription actions: skip, reschedule and change cycles', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;
  let filters: ProductChangedV1;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.orderDue, Topics.subscriptionLifecycle]);
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
    filters = await catalogProduct(app, { name: 'Filters', prices: [{ currency: 'EUR', amountMinor: 350 }] });
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
    const body = {
      customerId: 'cust-2', currency: 'EUR', timeZone: 'UTC', frequency: monthly, startDate: '2026-01-15',
      lines: [{ productId: coffee.productId, quantity: 1 }, { productId: filters.productId, quantity: 2 }],
    };
    const { body: created } = await http(app).post('/subscriptions').send(body).expect(201);
    const lineOf = (productId: string) => created.lines.find((l: { productId: string }) => l.productId === productId).lineId as string;
    return { id: created.subscriptionId as string, coffeeLine: lineOf(coffee.productId), filtersLine: lineOf(filters.productId) };
  };

  it('skips a whole cycle or some of its lines, unskips, and refuses cycles already ordered', async () => {
    const { id, filtersLine, coffeeLine } = await create();
    await runJobOn(app, clock, '2026-01-20T00:00:00Z');
    expect(await act(app, 'post', `/subscriptions/${id}/cycles/0/skip`, {}, 409)).toMatchObject({ state: 'ordered', message: 'cannot skip cycle 0: it is already ordered' });
    await act(app, 'post', `/subscriptions/${id}/cycles/1/skip`, {}, 200);
    expect((await act(app, 'post', `/subscriptions/${id}/cycles/1/skip`, {}, 409)).state).toBe('skipped');
    await act(app, 'delete', `/subscriptions/${id}/cycles/1/skip`, {}, 200);
    expect((await act(app, 'delete', `/subscriptions/${id}/cycles/1/skip`, {}, 409)).state).toBe('not-skipped');
    const skipped = await act(app, 'post', `/subscriptions/${id}/cycles/1/skip`, { reason: 'still full' }, 200);
    expect(skipped.nextDueAt).toBe('2026-03-15T09:00:00.000Z');
    await act(app, 'post', `/subscriptions/${id}/cycles/2/skip`, { lineIds: [filtersLine] }, 200);
    const upcoming = (await http(app).get(`/subscriptions/${id}/upcoming?next=2`).expect(200)).body.items;
    expect(upcoming.map((o: { cycleIndex: number; totalMinor: number; lines: unknown[] }) => [o.cycleIndex, o.lines.length, o.totalMinor])).toEqual([[2, 1, 1999], [3, 2, 1999 + 700]]);
    await runJobOn(app, clock, '2026-02-20T00:00:00Z', '2026-03-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'skipped', 'override'], [2, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 2);
    expect(dueOf(events, id).map((d) => [d.cycleIndex, d.lines.map((l) => l.lineId)])).toEqual([[0, expect.arrayContaining([coffeeLine, filtersLine])], [2, [coffeeLine]]]);
    const unknownLine = await act(app, 'post', `/subscriptions/${id}/cycles/3/skip`, { lineIds: ['00000000-0000-4000-8000-000000000009'] }, 422);
    expect(unknownLine.errors).toEqual([{ field: 'lineIds.0', messages: ['line 00000000-0000-4000-8000-000000000009 is not a line of this subscription'] }]);
  });

  it('reschedules one delivery within its period and refuses a date that collides with the next cycle, naming it', async () => {
    const { id } = await create();
    const collision = await act(app, 'post', `/subscriptions/${id}/cycles/1/reschedule`, { dueOn: '2026-03-15' }, 422);
    expect(collision.errors[0]).toMatchObject({ field: 'dueOn', messages: [expect.stringContaining('collides with cycle 2 due 2026-03-15')] });
    const moved = await act(app, 'post', `/subscriptions/${id}/cycles/1/reschedule`, { dueOn: '2026-02-20' }, 200);
    expect(moved.nextDueAt).toBe('2026-01-15T09:00:00.000Z');
    await runJobOn(app, clock, '2026-01-20T00:00:00Z', '2026-02-16T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null]]);
    await runJobOn(app, clock, '2026-02-21T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 2);
    expect(dueOf(events, id)[1]!.dueAt).toBe('2026-02-20T09:00:00.000Z');
    const [event] = await events.waitFor((e) => e.subject === id && e.type === EventTypes.subscriptionCycleRescheduled);
    expect(event!.data).toMatchObject({ cycle: { cycleIndex: 1, dueAt: '2026-02-20T09:00:00.000Z', previousDueAt: '2026-02-15T09:00:00.000Z' } });
  });

  it('changes to quarterly from the next cycle, which keeps its date; skips follow their dates; lines and address apply to the next order', async () => {
    const { id, coffeeLine } = await create();
    await runJobOn(app, clock, '2026-01-20T00:00:00Z', '2026-02-20T00:00:00Z'); // cycles 0 and 1 ordered
    await act(app, 'post', `/subscriptions/${id}/cycles/3/skip`, {}, 200); // Apr 15: not a quarterly date, dropped
    await act(app, 'post', `/subscriptions/${id}/cycles/5/skip`, {}, 200); // Jun 15: quarterly cycle 3
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
    const changed = await act(app, 'patch', `/subscriptions/${id}`, {
      frequency: { unit: 'month', interval: 3 }, lines: [{ lineId: coffeeLine, productId: coffee.productId, quantity: 3 }], shipTo,
    }, 200);
    expect(changed).toMatchObject({ fulfillmentFrequency: { label: 'Quarterly' }, lines: [{ lineId: coffeeLine, quantity: 3 }], shipTo, nextDueAt: '2026-03-15T09:00:00.000Z' });
    const upcoming = (await http(app).get(`/subscriptions/${id}/upcoming?next=3`).expect(200)).body.items;
    expect(upcoming.map((o: { cycleIndex: number; dueOn: string }) => [o.cycleIndex, o.dueOn])).toEqual([[2, '2026-03-15'], [4, '2026-09-15'], [5, '2026-12-15']]);
    await runJobOn(app, clock, '2026-03-20T00:00:00Z', '2026-06-20T00:00:00Z', '2026-09-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'emitted', null], [2, 'emitted', null], [3, 'skipped', 'override'], [4, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 4);
    const third = dueOf(events, id)[2]!;
    expect(third).toMatchObject({ cycleIndex: 2, shipTo, lines: [{ lineId: coffeeLine, quantity: 3 }] });
    const refused = await act(app, 'patch', `/subscriptions/${id}`, { frequency: { unit: 'week', interval: 1 } }, 422);
    expect(refused.errors[0].field).toBe('lines.0.productId');
    const history = (await http(app).get(`/subscriptions/${id}/history`).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'change', before: { fulfillmentFrequency: { label: 'Monthly' } }, after: { fulfillmentFrequency: { label: 'Quarterly' } } });
  });
});
