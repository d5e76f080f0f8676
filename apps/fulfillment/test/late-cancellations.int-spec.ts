import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type ReservationOutcomeV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector } from '@oms/testing';
import {
  backorderOf, drainOrderPartition, http, newSku, orderCancelled, orderCreated, publishOrders, reservationOf, resetFulfillment, startFulfillment, stockOf, stockUp,
} from './support/fulfillment-test-kit';

/** The late-order watchdog's events: orders.order.late.v1 (nothing for fulfillment), then a cancel typed late by system:orders. */
describe('fulfillment: orders cancelled for being late', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.reservation]);
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'AMS-1' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const watchdog = { sub: 'system:orders', role: 'system' };
  const lateEvents = (created: ReturnType<typeof orderCreated>) => {
    const late = createEnvelope({ type: EventTypes.orderLate, source: '/orders', subject: created.data.orderId, actor: watchdog, data: { ...created.data, lateNoticedAt: '2026-03-03T08:00:00.000Z' } });
    const base = orderCancelled(created);
    const cancelled = createEnvelope({ type: EventTypes.orderCancelled, source: '/orders', subject: created.data.orderId, actor: watchdog, data: { ...base.data, cancelCode: 'late' as const, reason: 'late: not shipped in time' } });
    return { late, cancelled };
  };

  it('releases the stock of a reserved order the watchdog cancels, and keeps it reserved through the late notice', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const created = orderCreated([{ sku, quantity: 2 }]);
    await publishOrders(created);
    await reservationOf(app, created.data.orderId, 'active');
    const { late, cancelled } = lateEvents(created);
    await publishOrders(late);
    await drainOrderPartition(app, created.data.orderId);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });

    await publishOrders(cancelled, cancelled);
    await reservationOf(app, created.data.orderId, 'released');
    await drainOrderPartition(app, created.data.orderId);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const [released] = await events.waitFor((e) => e.type === EventTypes.reservationReleased && (e.data as ReservationOutcomeV1).orderId === created.data.orderId);
    expect(released).toMatchObject({ causationid: cancelled.id, actorsub: 'system:orders', actorrole: 'system' });
  });

  it('drops the backorder of a backordered order the watchdog cancels, so later stock goes to others', async () => {
    const sku = newSku();
    const created = orderCreated([{ sku, quantity: 3 }]);
    await publishOrders(created);
    await backorderOf(app, created.data.orderId, 'pending');
    const { late, cancelled } = lateEvents(created);
    await publishOrders(late, cancelled);
    await backorderOf(app, created.data.orderId, 'cancelled');
    await stockUp(app, 'AMS-1', sku, 3);
    await drainOrderPartition(app, created.data.orderId);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
  });
});
