import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type ReservationOutcomeV1 } from '@oms/contracts';
import { IdempotentConsumer } from '@oms/outbox';
import type { Prisma } from '../src/generated/prisma/client';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector } from '@oms/testing';
import {
  drainOrderPartition, http, newSku, orderCancelled, orderCreated, prismaOf, publishOrders, reservationOf, resetFulfillment,
  startFulfillment, stockOf, stockUp,
} from './support/fulfillment-test-kit';

describe('fulfillment: reservations', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.reservation]);
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    for (const code of ['AMS-1', 'RTM-1']) await http(app).post('/warehouses').send({ code, name: code }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const outcomesOf = (orderId: string) => events.events.filter((e) => (e.data as ReservationOutcomeV1).orderId === orderId) as EventEnvelope<ReservationOutcomeV1>[];
  const outboxCount = async (orderId: string, type: string) =>
    (await prismaOf(app)).outboxEvent.count({ where: { messageKey: orderId, payload: { path: ['type'], equals: type } } });

  it('reserves an order once and releases it once, even when both events are delivered twice', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 10);
    await stockUp(app, 'RTM-1', coffee, 3);
    await stockUp(app, 'RTM-1', tea, 5);
    const created = orderCreated([{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 1 }], undefined, 'sub-1');
    await publishOrders(created, created);
    const reservation = await reservationOf(app, created.data.orderId);
    await drainOrderPartition(app, created.data.orderId);

    // Coffee from AMS-1 (most available), tea from RTM-1: one release (pick list) per warehouse.
    expect(reservation).toMatchObject({ status: 'active', kind: 'short-term', subscriptionId: 'sub-1', lines: [
      { sku: coffee, quantity: 2, warehouseCode: 'AMS-1' }, { sku: tea, quantity: 1, warehouseCode: 'RTM-1' },
    ] });
    expect(reservation.releases.map((r: { warehouseCode: string; lines: unknown[]; status: string }) => [r.warehouseCode, r.status, r.lines]).sort()).toEqual([
      ['AMS-1', 'open', [{ sku: coffee, quantity: 2 }]], ['RTM-1', 'open', [{ sku: tea, quantity: 1 }]],
    ]);
    expect(await stockOf(app, 'AMS-1', coffee)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    expect(await stockOf(app, 'RTM-1', tea)).toMatchObject({ reserved: 1 });
    const [reserved] = await events.waitFor((e) => e.type === EventTypes.reservationReserved && (e.data as ReservationOutcomeV1).orderId === created.data.orderId);
    expect(reserved!.data).toEqual({
      reservationId: reservation.reservationId, orderId: created.data.orderId, outcome: 'reserved', kind: 'short-term', subscriptionId: 'sub-1',
      lines: [{ sku: coffee, quantity: 2, warehouseId: reservation.lines[0].warehouseId }, { sku: tea, quantity: 1, warehouseId: reservation.lines[1].warehouseId }],
    });
    expect(reserved!).toMatchObject({ subject: reservation.reservationId, correlationid: created.correlationid, causationid: created.id });

    const cancelled = orderCancelled(created);
    await publishOrders(cancelled, cancelled);
    await reservationOf(app, created.data.orderId, 'released');
    await drainOrderPartition(app, created.data.orderId);
    expect(await stockOf(app, 'AMS-1', coffee)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(await stockOf(app, 'RTM-1', tea)).toMatchObject({ onHand: 5, reserved: 0 });
    const released = await events.waitFor((e) => e.type === EventTypes.reservationReleased && (e.data as ReservationOutcomeV1).orderId === created.data.orderId);
    expect(released[0]!.data).toMatchObject({ reservationId: reservation.reservationId, outcome: 'released', lines: [{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 1 }] });
    const { body } = await http(app).get(`/releases?warehouse=AMS-1`).expect(200);
    expect(body.items.map((r: { status: string }) => r.status)).toEqual(['cancelled']);
    const unknown = await http(app).get('/releases?warehouse=NOWHERE-9').expect(200); // as on /stock: no match is an empty page
    expect(unknown.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    // Exactly once: one event of each kind was ever written for this order.
    expect(await outboxCount(created.data.orderId, EventTypes.reservationReserved)).toBe(1);
    expect(await outboxCount(created.data.orderId, EventTypes.reservationReleased)).toBe(1);
  });

  // In Prisma's transaction (the listener) and on pg (its variant, which takes a batch of goods-only created orders).
  it.each(['prisma', 'pg'] as const)('gives the last unit to exactly one of two orders handled at the same time (%s transaction)', async (transaction) => {
    const { OrderEventsConsumer } = await import('../src/reservations/order-events.consumer');
    const consumer = app.get(OrderEventsConsumer);
    const idempotent = app.get<IdempotentConsumer<Prisma.TransactionClient>>(IdempotentConsumer);
    const asBatchOfOne = (envelope: EventEnvelope) => {
      const batch = [{ envelope, context: { topic: Topics.order, partition: 0, offset: '0', key: null, headers: {} } }];
      return transaction === 'pg'
        ? idempotent.applyBatchOnPg('fulfillment.order-events', batch, (tx, event) => consumer.reserveGoodsOnPg(tx, event))
        : idempotent.applyBatch('fulfillment.order-events', batch, (tx, event, context) => consumer.reserveOrRelease(tx, event, context));
    };
    const skus = [newSku(), newSku(), newSku(), newSku(), newSku()];
    for (const sku of skus) await stockUp(app, 'AMS-1', sku, 1);
    const orders = skus.flatMap((sku) => [orderCreated([{ sku, quantity: 1 }]), orderCreated([{ sku, quantity: 1 }])]);
    // Straight into the consumer, all at once, each in its own transaction: through Kafka one replica would batch them.
    const failures = await Promise.all(orders.map((order) => asBatchOfOne(order)));
    expect(failures.flat()).toEqual([]);

    const prisma = await prismaOf(app);
    for (const sku of skus) {
      expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
      const pair = orders.filter((o) => o.data.lines[0]!.sku === sku).map((o) => o.data.orderId);
      expect(await prisma.reservation.count({ where: { orderId: { in: pair } } })).toBe(1);
      expect(await prisma.backorder.count({ where: { orderId: { in: pair }, status: 'pending' } })).toBe(1);
    }
    const ids = new Set(orders.map((o) => o.data.orderId));
    const outcomes = await events.waitFor((e) => ids.has((e.data as ReservationOutcomeV1).orderId), 10);
    expect(outcomes.filter((e) => e.type === EventTypes.reservationReserved)).toHaveLength(5);
    expect(outcomes.filter((e) => e.type === EventTypes.reservationShortage)).toHaveLength(5);
    expect(outcomesOf(orders[0]!.data.orderId)).toHaveLength(1);
  });
});
