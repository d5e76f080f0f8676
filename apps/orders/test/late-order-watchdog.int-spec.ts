import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { LateOrderWatchdog } from '../src/late-orders/late-order.watchdog';
import { catalogProduct, getOrder, http, reservation, resetOrders, shipment, startOrders, waitForStatus } from './support/orders-test-kit';

const HOUR = 3_600_000;
const T0 = new Date('2026-05-04T08:00:00Z');

describe('orders: the late-order watchdog', () => {
  const clock = new ControllableClock(T0);
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    clock.set(T0);
    await resetOrders(app);
    // express call-center orders: told 2 h late, cancelled 12 h late; everything else 24 h and 120 h.
    const rules = [{ channel: 'call-center', deliveryMode: 'express', noticeAfterMinutes: 120, cancelAfterMinutes: 720 }];
    await http(app).put('/settings/late-orders').send({ defaults: { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 }, rules }).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const place = async (body: Record<string, unknown> = {}): Promise<string> => {
    const order = { customerId: 'cust-late', customerEmail: 'lou@example.com', channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }], ...body };
    return (await http(app).post('/orders').send(order).expect(201)).body.orderId as string;
  };
  const runWatchdog = async () => (await httpAs(app, 'ops').post('/jobs/late-orders/runs').expect(200)).body as { scanned: number; noticed: number; cancelled: number };
  const at = (hours: number) => clock.set(new Date(T0.getTime() + hours * HOUR));
  const lateEventsOf = (orderId: string) => events.events.filter((e) => e.subject === orderId && e.type === EventTypes.orderLate);

  it('tells each unshipped order late once past its notice threshold, then cancels it past its cancel threshold as system:orders', async () => {
    const express = await place({ channel: 'call-center', deliveryMode: 'express' }); // promised by T0+24h
    const standard = await place(); // promised by T0+48h
    const shipped = await place({ channel: 'call-center', deliveryMode: 'express' });
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationReserved, shipped)]);
    await waitForStatus(app, shipped, 'released');
    await publishTestEvents(Topics.shipment, [shipment(shipped, 'shipped')]);
    await waitForStatus(app, shipped, 'shipped');

    at(25);
    expect(await runWatchdog()).toMatchObject({ noticed: 0, cancelled: 0 });
    at(26);
    expect(await runWatchdog()).toMatchObject({ noticed: 1, cancelled: 0 });
    expect(await runWatchdog()).toMatchObject({ noticed: 0, cancelled: 0 });
    const noticed = await getOrder(app, express);
    expect(noticed).toMatchObject({ status: 'created', lateNoticedAt: new Date(T0.getTime() + 26 * HOUR).toISOString() });
    expect(noticed.history.at(-1)).toMatchObject({
      fromStatus: 'created', toStatus: 'created', reason: expect.stringMatching(/^late: not shipped by .+ \(express; notice after 2 h\)/), actor: { sub: 'system:orders', role: 'system' },
    });
    const [late] = await events.waitFor((e) => e.subject === express && e.type === EventTypes.orderLate);
    expect(late).toMatchObject({ actorsub: 'system:orders', actorrole: 'system', data: { status: 'created', deliveryMode: 'express', lateNoticedAt: noticed.lateNoticedAt, customerEmail: 'lou@example.com' } });

    at(36);
    expect(await runWatchdog()).toMatchObject({ noticed: 0, cancelled: 1 });
    const cancelled = await getOrder(app, express);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelCode: 'late' });
    expect(cancelled.history.at(-1)).toMatchObject({ fromStatus: 'created', toStatus: 'cancelled', reason: expect.stringMatching(/cancelled after 12 h/), actor: { sub: 'system:orders', role: 'system' } });
    const [cancel] = await events.waitFor((e) => e.subject === express && e.type === EventTypes.orderCancelled);
    expect(cancel).toMatchObject({ actorsub: 'system:orders', data: { status: 'cancelled', cancelCode: 'late' } });

    at(48 + 24);
    expect(await runWatchdog()).toMatchObject({ noticed: 1, cancelled: 0 });
    at(48 + 120);
    expect(await runWatchdog()).toMatchObject({ noticed: 0, cancelled: 1 });
    expect((await getOrder(app, standard)).status).toBe('cancelled');
    expect((await getOrder(app, shipped)).status).toBe('shipped');
    await events.waitFor((e) => e.subject === standard && e.type === EventTypes.orderCancelled);
    expect(lateEventsOf(express)).toHaveLength(1);
    expect(lateEventsOf(standard)).toHaveLength(1);
    expect(lateEventsOf(shipped)).toHaveLength(0);
  });

  it('cancels an order first seen past its cancel threshold without a notice, one on hold too', async () => {
    const held = await place();
    await httpAs(app, 'csr').post(`/orders/${held}/hold`).send({ reason: 'address check' }).expect(200);
    at(48 + 200);
    expect(await runWatchdog()).toMatchObject({ noticed: 0, cancelled: 1 });
    expect(await getOrder(app, held)).toMatchObject({ status: 'cancelled', cancelCode: 'late', lateNoticedAt: null });
  });

  it('gives each order one notice when several replicas run at once (row locks, SKIP LOCKED)', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => place()));
    at(48 + 30);
    const watchdog = app.get(LateOrderWatchdog);
    const runs = await Promise.all([watchdog.run(), watchdog.run(), watchdog.run()]);
    expect(runs.reduce((sum, run) => sum + run.noticed, 0)).toBe(12);
    const published: EventEnvelope[] = await events.waitFor((e) => ids.includes(e.subject ?? '') && e.type === EventTypes.orderLate, 12);
    expect(new Set(published.map((e) => e.subject)).size).toBe(12);
    expect((await watchdog.run()).noticed).toBe(0);
    expect((published[0]!.data as OrderLifecycleV1).lateNoticedAt).toBe(new Date(T0.getTime() + 78 * HOUR).toISOString());
  });
});
