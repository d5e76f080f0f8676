import type { INestApplication } from '@nestjs/common';
import { createEnvelope, cycleKeyFor, EventTypes, Topics, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents, waitFor } from '@oms/testing';
import { PrismaService } from '../src/database/prisma.service';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

describe('subscriptions: late orders in the cycle ledger', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await resetSubscriptions(app);
  });
  afterAll(async () => app?.close());

  const orderEvent = (type: typeof EventTypes.orderCreated | typeof EventTypes.orderLate | typeof EventTypes.orderCancelled, subscriptionId: string, data: Partial<OrderLifecycleV1>) =>
    createEnvelope({
      type, source: '/orders', subject: 'order-late-1', actor: { sub: 'system:orders', role: 'system' },
      data: {
        orderId: 'order-late-1', orderNumber: 'SO-9', customerId: 'cust-1', subscriptionId, cycleIndex: 0, cycleKey: cycleKeyFor(subscriptionId, 0), status: 'created',
        currency: 'EUR', totalMinor: 1999, deliveryMode: 'standard', promisedShipBy: '2026-02-03T07:00:00.000Z',
        lines: [{ lineId: 'l1', productId: coffee.productId, sku: coffee.sku, quantity: 1, unitPriceMinor: 1999 }], ...data,
      },
    });
  const cycleZero = async (subscriptionId: string, until: (cycle: Record<string, unknown>) => boolean) =>
    waitFor(async () => (await http(app).get(`/subscriptions/${subscriptionId}/cycles`).expect(200)).body.items[0] as Record<string, unknown>, until, { what: 'cycle 0 in the ledger' });

  it('shows a cycle whose order was told late as noticed, then as cancelled-late once the watchdog cancels it; redeliveries change nothing', async () => {
    const { body } = await http(app).post('/subscriptions').send({
      customerId: 'cust-1', currency: 'EUR', timeZone: 'Europe/Amsterdam', frequency: monthly, startDate: '2026-01-31', lines: [{ productId: coffee.productId, quantity: 1 }],
    }).expect(201);
    clock.set(new Date('2026-02-01T00:00:00Z'));
    expect((await runJob(app)).counts.emitted).toBe(1);
    const id = body.subscriptionId as string;
    const created = orderEvent(EventTypes.orderCreated, id, {});
    const late = orderEvent(EventTypes.orderLate, id, { lateNoticedAt: '2026-02-04T07:00:00.000Z' });
    await publishTestEvents(Topics.order, [created, late]);
    expect(await cycleZero(id, (c) => c['lateOutcome'] === 'noticed')).toMatchObject({ orderId: 'order-late-1', lateOutcome: 'noticed', stockOutcome: null });

    const cancelled = orderEvent(EventTypes.orderCancelled, id, { status: 'cancelled', cancelCode: 'late', reason: 'late: not shipped in time' });
    await publishTestEvents(Topics.order, [cancelled, late]); // a late event redelivered after the cancel
    await waitFor(() => http(app).get(`/subscriptions/${id}/cycles`).then((r) => r.body.items[0]), (c) => c.lateOutcome === 'cancelled-late');
    const again = orderEvent(EventTypes.orderLate, id, { lateNoticedAt: '2026-02-04T07:00:00.000Z' }); // a new late event id, after the cancel
    await publishTestEvents(Topics.order, [again]);
    const prisma = app.get(PrismaService);
    await waitFor(() => prisma.processedEvent.count({ where: { eventId: again.id } }), (count) => count === 1, { what: 'the late event after the cancel handled' });
    const processed = async () => (await http(app).get(`/subscriptions/${id}`).expect(200)).body;
    expect(await cycleZero(id, () => true)).toMatchObject({ status: 'emitted', orderId: 'order-late-1', lateOutcome: 'cancelled-late' });
    // A late cancellation neither pauses nor cancels the subscription: the next cycle comes as usual.
    expect(await processed()).toMatchObject({ status: 'active', currentSubscriptionNumber: 1, nextDueAt: '2026-02-28T08:00:00.000Z' });
  });
});
