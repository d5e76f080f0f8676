import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents, waitFor } from '@oms/testing';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

describe('subscriptions: contracts, validation, schedule', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.subscriptionLifecycle]);
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

  const subscription = (overrides: Record<string, unknown> = {}) => ({
    customerId: 'cust-1', currency: 'EUR', timeZone: 'Europe/Amsterdam', frequency: monthly, startDate: '2026-01-31',
    lines: [{ productId: coffee.productId, quantity: 2 }], ...overrides,
  });

  it('creates a subscription with the IOM fields and publishes "created"', async () => {
    const { body } = await http(app).post('/subscriptions').send(subscription()).expect(201);
    expect(body).toMatchObject({
      status: 'active', currentSubscriptionNumber: 0, lastOrderedDate: null, startDate: '2026-01-31', endDate: null,
      fulfillmentFrequency: { unit: 'month', interval: 1, label: 'Monthly' }, lines: [{ sku: coffee.sku, quantity: 2 }],
    });
    const [created] = await events.waitFor((e) => e.subject === body.subscriptionId);
    expect(created!.type).toBe(EventTypes.subscriptionCreated);
  });

  it('starts a subscription from a channel order\'s frequency line with the order\'s delivery address', async () => {
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
    const customerId = `cust-${Date.now()}`;
    const placed = createEnvelope({
      type: EventTypes.channelOrderPlaced, source: '/channels/web', subject: 'web-ship-to',
      data: {
        channelOrderId: `web-ship-to-${customerId}`, channel: 'web', customerId, currency: 'EUR', placedAt: '2026-01-01T00:00:00.000Z', shipTo,
        lines: [{ productId: coffee.productId, sku: coffee.sku, quantity: 1, frequency: monthly }],
      },
    });
    await publishTestEvents(Topics.channelOrder, [placed]);
    const { body } = await waitFor(() => http(app).get(`/subscriptions?customerId=${customerId}`), (r) => r.body.total === 1, { what: 'subscription from the channel order' });
    expect(body.items[0]).toMatchObject({ channel: 'web', shipTo });
  });

  it('computes due dates from the anchor, clamped to month ends (Jan 31, Feb 28, Mar 31, Apr 30, May 31)', async () => {
    const { body } = await http(app).post('/subscriptions').send(subscription()).expect(201);
    const schedule = await http(app).get(`/subscriptions/${body.subscriptionId}/schedule?next=5`).expect(200);
    // 09:00 Amsterdam: UTC+1 in winter, UTC+2 from the last Sunday of March.
    expect(schedule.body.cycles.map((c: { dueAt: string }) => c.dueAt)).toEqual([
      '2026-01-31T08:00:00.000Z', '2026-02-28T08:00:00.000Z', '2026-03-31T07:00:00.000Z', '2026-04-30T07:00:00.000Z', '2026-05-31T07:00:00.000Z',
    ]);
    expect(schedule.body.cycles[1]).toMatchObject({ cycleIndex: 1, cycleKey: `sub:${body.subscriptionId}:cycle:1` });
  });

  it('refuses lines the catalog does not allow, naming line and reason', async () => {
    const retired = await catalogProduct(app, { status: 'retired' });
    const response = await http(app).post('/subscriptions').send(subscription({
      frequency: { unit: 'week', interval: 1 },
      lines: [{ productId: coffee.productId, quantity: 1 }, { productId: retired.productId, quantity: 1 }, { productId: '00000000-0000-4000-8000-000000000001', quantity: 1 }],
    })).expect(422);
    expect(response.body.errors).toEqual([
      { field: 'lines.0.productId', messages: [`product ${coffee.sku} does not allow Weekly (allowed: Monthly, Quarterly)`] },
      { field: 'lines.1.productId', messages: [`product ${retired.sku} is retired`] },
      { field: 'lines.2.productId', messages: ['product 00000000-0000-4000-8000-000000000001 is not known yet (a product created a moment ago reaches this service within seconds)'] },
    ]);
    expect(response.headers['retry-after']).toBeUndefined(); // the other lines' problems are permanent
  });

  it('answers 400 with field errors for malformed requests', async () => {
    const response = await http(app).post('/subscriptions').send(subscription({ timeZone: 'Mars/Olympus', lines: [], currency: 'euro', frequency: { unit: 'fortnight', interval: 0 } })).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['currency', 'frequency.interval', 'frequency.unit', 'lines', 'timeZone']);
    await http(app).get('/subscriptions/not-a-uuid').expect(400);
    await http(app).get('/subscriptions/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('refuses a start more than one cycle in the past unless the request says how to catch up', async () => {
    const refused = await http(app).post('/subscriptions').send(subscription({ startDate: '1900-01-01' })).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'startDate', messages: [expect.stringMatching(/more than one cycle in the past.*catchUpPolicy/)] }]);
    await http(app).post('/subscriptions').send(subscription({ startDate: '2025-11-20' })).expect(422); // Nov 20 and Dec 20 have come due
    await http(app).post('/subscriptions').send(subscription({ startDate: '2025-12-15' })).expect(201); // only cycle 0 (Dec 15) has come due
    const explicit = await http(app).post('/subscriptions').send(subscription({ startDate: '2025-10-01', catchUpPolicy: 'skip-missed' })).expect(201);
    expect(explicit.body.catchUpPolicy).toBe('skip-missed');
  });

  it('gives a rental an assumed return date (365 days by default) that does not end it', async () => {
    const bike = await catalogProduct(app, { type: 'rental' });
    const { body } = await http(app).post('/subscriptions').send(subscription({ startDate: '2026-03-01', lines: [{ productId: bike.productId, quantity: 1 }] })).expect(201);
    expect(body).toMatchObject({ rental: true, assumedReturnDate: '2027-03-01', endDate: null, endsAt: null });
  });

  it('creates nothing twice for a repeated external reference', async () => {
    const first = await http(app).post('/subscriptions').send(subscription({ externalRef: 'web-order-77' })).expect(201);
    const again = await http(app).post('/subscriptions').send(subscription({ externalRef: 'web-order-77' })).expect(200);
    expect(again.body.subscriptionId).toBe(first.body.subscriptionId);
  });

  it('with the switch off refuses new subscriptions and logs a run that did nothing', async () => {
    await http(app).post('/subscriptions').send(subscription()).expect(201);
    await http(app).put('/settings/subscription-orders').send({ enabled: false }).expect(200);
    const refused = await http(app).post('/subscriptions').send(subscription()).expect(409);
    expect(refused.body.message).toMatch(/turned off/);
    clock.set(new Date('2026-03-01T00:00:00Z'));
    const run = await runJob(app);
    expect(run).toMatchObject({ status: 'disabled', counts: { scanned: 0, due: 0, emitted: 0, skipped: 0, failed: 0 } });
    expect(run.message).toMatch(/turned off/);
  });

  it('records the order of a cycle and advances current subscription number and last ordered date', async () => {
    const { body } = await http(app).post('/subscriptions').send(subscription()).expect(201);
    clock.set(new Date('2026-02-01T00:00:00Z'));
    expect((await runJob(app)).counts.emitted).toBe(1);
    const created = createEnvelope({
      type: EventTypes.orderCreated, source: '/orders', subject: 'order-1', time: '2026-02-01T00:00:05Z',
      data: { orderId: 'order-1', orderNumber: 'SO-1', customerId: 'cust-1', subscriptionId: body.subscriptionId, cycleIndex: 0, cycleKey: `sub:${body.subscriptionId}:cycle:0`, status: 'created', currency: 'EUR', totalMinor: 3998, lines: [{ lineId: 'l1', productId: coffee.productId, sku: coffee.sku, quantity: 2, unitPriceMinor: 1999 }] },
    });
    await publishTestEvents(Topics.order, [created, created]); // delivered twice: counted once
    const updated = await waitFor(() => http(app).get(`/subscriptions/${body.subscriptionId}`).then((r) => r.body), (s) => s.currentSubscriptionNumber >= 1);
    expect(updated).toMatchObject({ currentSubscriptionNumber: 1, lastOrderedDate: '2026-02-01T00:00:05.000Z' });
    const cycles = await http(app).get(`/subscriptions/${body.subscriptionId}/cycles`).expect(200);
    expect(cycles.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ cycleIndex: 0, status: 'emitted', orderId: 'order-1' }] });
  });

  it('pauses a subscription whose policy is "pause" when a cycle is cancelled for lack of stock', async () => {
    const { body } = await http(app).post('/subscriptions').send(subscription({ outOfStockPolicy: 'pause', customerEmail: 'ann@example.com' })).expect(201);
    expect(body).toMatchObject({ outOfStockPolicy: 'pause', customerEmail: 'ann@example.com' });
    clock.set(new Date('2026-02-01T00:00:00Z'));
    await runJob(app);
    const cancelled = createEnvelope({
      type: EventTypes.orderCancelled, source: '/orders', subject: 'order-2',
      data: { orderId: 'order-2', orderNumber: 'SO-2', customerId: 'cust-1', subscriptionId: body.subscriptionId, cycleIndex: 0, status: 'cancelled', currency: 'EUR', totalMinor: 3998, reason: 'out-of-stock: subscription paused', stockOutcome: 'paused', lines: [{ lineId: 'l1', productId: coffee.productId, sku: coffee.sku, quantity: 2, unitPriceMinor: 1999 }] },
    });
    await publishTestEvents(Topics.order, [cancelled]);
    const paused = await waitFor(() => http(app).get(`/subscriptions/${body.subscriptionId}`).then((r) => r.body), (s) => s.status === 'paused');
    expect(paused.status).toBe('paused');
    const cycles = await http(app).get(`/subscriptions/${body.subscriptionId}/cycles`).expect(200);
    expect(cycles.body.items[0]).toMatchObject({ cycleIndex: 0, stockOutcome: 'paused' });
    const schedule = await http(app).get(`/subscriptions/${body.subscriptionId}/schedule?next=3`).expect(200);
    expect(schedule.body).toMatchObject({ status: 'paused', cycles: [] }); // nothing comes due while paused
    expect((await http(app).get(`/subscriptions/${body.subscriptionId}`).expect(200)).body.nextDueAt).toBeNull();
    const [event] = await events.waitFor((e) => e.subject === body.subscriptionId && e.type === EventTypes.subscriptionPaused);
    expect(event!.causationid).toBe(cancelled.id);
    clock.set(new Date('2026-03-01T00:00:00Z'));
    // A paused subscription is not ordered: its cycle is recorded as skipped for the pause.
    expect((await runJob(app)).counts).toMatchObject({ emitted: 0, skipped: 1 });
    // ... and it resumes like any other pause.
    const resumed = await http(app).post(`/subscriptions/${body.subscriptionId}/resume`).send({}).expect(200);
    expect(resumed.body).toMatchObject({ status: 'active', nextDueAt: '2026-03-31T07:00:00.000Z' });
  });
});
