import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ProductChangedV1, type SubscriptionLifecycleV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { catalogProduct, http, monthly, resetSubscriptions, startReplica } from './support/subscriptions-test-kit';

describe('subscriptions: rental settings, swap and end requests', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let bike: ProductChangedV1;
  let cargo: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.subscriptionLifecycle]);
    app = await startReplica(clock);
    bike = await catalogProduct(app, { type: 'rental' });
    cargo = await catalogProduct(app, { type: 'rental' });
  });
  beforeEach(() => resetSubscriptions(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const prisma = async () => app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
  const rental = async (creator = http(app)) => (await creator.post('/subscriptions').send({
    customerId: 'cust-9', customerEmail: 'ann@example.com', currency: 'EUR', timeZone: 'Europe/Amsterdam', frequency: monthly, startDate: '2026-03-01',
    lines: [{ productId: bike.productId, quantity: 1 }],
  }).expect(201)).body;

  it('applies the assumed-return setting at start and lets one subscription change its own date', async () => {
    expect((await http(app).get('/settings/rental').expect(200)).body).toMatchObject({ defaultAssumedReturnDays: 365, feesStopAt: 'return' });
    await http(app).put('/settings/rental').send({ defaultAssumedReturnDays: 1095 }).expect(200);
    const sub = await rental();
    expect(sub.assumedReturnDate).toBe('2029-02-28');
    const changed = await http(app).put(`/subscriptions/${sub.subscriptionId}/assumed-return-date`).send({ assumedReturnDate: '2027-06-30' }).expect(200);
    expect(changed.body).toMatchObject({ assumedReturnDate: '2027-06-30', status: 'active', endDate: null });
    // A change like any other: who made it, in the history and on the published event.
    const history = (await http(app).get(`/subscriptions/${sub.subscriptionId}/history`).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'change', actor: { sub: 'admin-1', role: 'admin' }, before: { assumedReturnDate: '2029-02-28' }, after: { assumedReturnDate: '2027-06-30' } });
    const [event] = await events.waitFor((e) => e.subject === sub.subscriptionId && e.type === EventTypes.subscriptionChanged);
    expect(event).toMatchObject({ actorsub: 'admin-1', actorrole: 'admin', data: { changedFields: ['assumedReturnDate'], assumedReturnDate: '2027-06-30' } });
    await http(app).put('/settings/rental').send({ feesStopAt: 'sometime' }).expect(400);
  });

  it('refuses a swap to a product with no free unit, accepts one with a unit free and publishes it typed', async () => {
    const sub = await rental();
    const lineId = sub.lines[0].lineId;
    const none = await http(app).post(`/subscriptions/${sub.subscriptionId}/swap-requests`).send({ lineId, productId: cargo.productId }).expect(409);
    expect(none.body.errors).toEqual([{ field: 'productId', messages: [`no unit of ${cargo.sku} is free (0 available, 1 needed)`] }]);
    await (await prisma()).rentalAvailability.create({ data: { sku: cargo.sku, available: 1, total: 2 } });
    await http(app).post(`/subscriptions/${sub.subscriptionId}/swap-requests`).send({ lineId, productId: bike.productId }).expect(422);
    const swapped = await http(app).post(`/subscriptions/${sub.subscriptionId}/swap-requests`).send({ lineId, productId: cargo.productId }).expect(201);
    expect(swapped.body.lines).toMatchObject([{ lineId, productId: cargo.productId, sku: cargo.sku }]);
    const [event] = await events.waitFor((e) => e.subject === sub.subscriptionId && e.type === EventTypes.subscriptionSwapRequested);
    expect((event!.data as SubscriptionLifecycleV1).swap).toEqual({ lineId, fromProductId: bike.productId, fromSku: bike.sku, toProductId: cargo.productId, toSku: cargo.sku });
  });

  it('records an end request once; fees continue until the return unless the setting stops them at the request', async () => {
    const sub = await rental();
    const ended = await http(app).post(`/subscriptions/${sub.subscriptionId}/end-request`).expect(200);
    expect(ended.body).toMatchObject({ status: 'active', endRequestedAt: clock.now().toISOString() });
    await http(app).post(`/subscriptions/${sub.subscriptionId}/end-request`).expect(200);
    await http(app).post(`/subscriptions/${sub.subscriptionId}/swap-requests`).send({ lineId: sub.lines[0].lineId, productId: cargo.productId }).expect(409);
    const published = await events.waitFor((e) => e.subject === sub.subscriptionId && e.type === EventTypes.subscriptionEndRequested);
    expect(published).toHaveLength(1);

    await http(app).put('/settings/rental').send({ feesStopAt: 'request' }).expect(200);
    const other = await rental();
    expect((await http(app).post(`/subscriptions/${other.subscriptionId}/end-request`).expect(200)).body.status).toBe('end-requested');
  });

  it('lets a customer swap and end their own rental (another customer\'s answers 404), a channel the ones it created, csr any, and records who asked', async () => {
    const sub = await rental();
    const lineId = sub.lines[0].lineId;
    await (await prisma()).rentalAvailability.create({ data: { sku: cargo.sku, available: 1, total: 1 } });
    const path = `/subscriptions/${sub.subscriptionId}`;
    await httpAs(app, 'customer', 'cust-other').post(`${path}/swap-requests`).send({ lineId, productId: cargo.productId }).expect(404);
    await httpAs(app, 'customer', 'cust-other').post(`${path}/end-request`).expect(404);
    await httpAs(app, 'ops').post(`${path}/end-request`).expect(403);

    await httpAs(app, 'customer', 'cust-9').post(`${path}/swap-requests`).send({ lineId, productId: cargo.productId }).expect(201);
    const [swap] = await events.waitFor((e) => e.subject === sub.subscriptionId && e.type === EventTypes.subscriptionSwapRequested);
    expect((swap!.data as SubscriptionLifecycleV1).actor).toEqual({ sub: 'cust-9', role: 'customer' });
    const ended = await httpAs(app, 'customer', 'cust-9').post(`${path}/end-request`).expect(200);
    expect(ended.body.endRequestedAt).toBe(clock.now().toISOString());
    const [end] = await events.waitFor((e) => e.subject === sub.subscriptionId && e.type === EventTypes.subscriptionEndRequested);
    expect((end!.data as SubscriptionLifecycleV1).actor).toEqual({ sub: 'cust-9', role: 'customer' });
    expect([swap!.actorsub, swap!.actorrole, end!.actorsub, end!.actorrole]).toEqual(['cust-9', 'customer', 'cust-9', 'customer']);
    const history = (await httpAs(app, 'customer', 'cust-9').get(`${path}/history`).expect(200)).body.items;
    expect(history.map((h: { action: string; actor: object; eventId: string }) => [h.action, h.actor, h.eventId]).slice(-2)).toEqual([
      ['swap-request', { sub: 'cust-9', role: 'customer' }, swap!.id], ['end-request', { sub: 'cust-9', role: 'customer' }, end!.id],
    ]);

    // A channel acts on the subscriptions it created; another channel's answers 404.
    const other = await rental(httpAs(app, 'channel', 'shop-1'));
    await httpAs(app, 'channel', 'shop-2').post(`/subscriptions/${other.subscriptionId}/end-request`).expect(404);
    await httpAs(app, 'channel', 'shop-1').post(`/subscriptions/${other.subscriptionId}/end-request`).expect(200);
    const third = await rental();
    await httpAs(app, 'csr').post(`/subscriptions/${third.subscriptionId}/end-request`).expect(200);
  });
});
