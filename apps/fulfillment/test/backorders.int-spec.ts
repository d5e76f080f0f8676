import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ReservationOutcomeV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector } from '@oms/testing';
import {
  backorderOf, http, newSku, orderCancelled, orderCreated, publishOrders, reservationOf, resetFulfillment,
  startFulfillment, stockOf, stockUp,
} from './support/fulfillment-test-kit';

describe('fulfillment: shortages and backorders', () => {
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

  it('reserves nothing on a shortage, publishes it with shortBy and keeps the order as a backorder; a receipt reserves it', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 5);
    await stockUp(app, 'AMS-1', tea, 3);
    await stockUp(app, 'RTM-1', tea, 3);
    // 6 tea exist, but no single warehouse has 4: a line is never split.
    const order = orderCreated([{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 4 }], undefined, 'sub-9');
    await publishOrders(order);
    const backorder = await backorderOf(app, order.data.orderId);
    expect(backorder).toMatchObject({ subscriptionId: 'sub-9', lines: [{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 4 }], createdAt: clock.now().toISOString() });
    const [shortage] = await events.waitFor((e) => e.type === EventTypes.reservationShortage && (e.data as ReservationOutcomeV1).orderId === order.data.orderId);
    expect(shortage!.data).toEqual({
      reservationId: backorder.reservationId, orderId: order.data.orderId, outcome: 'shortage', kind: 'short-term', subscriptionId: 'sub-9',
      lines: [{ sku: coffee, quantity: 2, shortBy: 0 }, { sku: tea, quantity: 4, shortBy: 1 }],
    });
    expect(await stockOf(app, 'AMS-1', coffee)).toMatchObject({ reserved: 0 }); // nothing held for the line that fitted
    expect((await http(app).get(`/reservations?orderId=${order.data.orderId}`)).body.total).toBe(0);

    await http(app).post(`/warehouses/RTM-1/stock/${tea}/adjustments`).send({ delta: 1, reason: 'receipt PO-7' }).expect(201);
    const reservation = await reservationOf(app, order.data.orderId);
    expect(reservation).toMatchObject({ reservationId: backorder.reservationId, status: 'active', lines: [{ sku: coffee, warehouseCode: 'AMS-1' }, { sku: tea, quantity: 4, warehouseCode: 'RTM-1' }] });
    expect(await stockOf(app, 'RTM-1', tea)).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
    expect((await http(app).get('/backorders')).body.total).toBe(0);
    expect(await backorderOf(app, order.data.orderId, 'reserved')).toMatchObject({ resolvedAt: clock.now().toISOString() });
    const [reserved] = await events.waitFor((e) => e.type === EventTypes.reservationReserved && (e.data as ReservationOutcomeV1).orderId === order.data.orderId);
    expect(reserved!).toMatchObject({ correlationid: order.correlationid, data: { reservationId: backorder.reservationId, subscriptionId: 'sub-9' } });
  });

  it('serves competing backorders oldest first, without letting one that does not fit block a younger one', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 0);
    const oldest = orderCreated([{ sku, quantity: 2 }]);
    const middle = orderCreated([{ sku, quantity: 2 }]);
    const youngest = orderCreated([{ sku, quantity: 1 }]);
    for (const order of [oldest, middle, youngest]) {
      await publishOrders(order);
      await backorderOf(app, order.data.orderId);
      clock.advance(60_000);
    }
    const pending = await http(app).get(`/backorders?sku=${sku}`).expect(200);
    expect(pending.body.items.map((b: { orderId: string }) => b.orderId)).toEqual([oldest, middle, youngest].map((o) => o.data.orderId));

    // 2 units: the oldest takes both, although the youngest would fit too.
    await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: 2, reason: 'receipt' }).expect(201);
    await reservationOf(app, oldest.data.orderId);
    expect((await http(app).get(`/backorders?sku=${sku}`)).body.items.map((b: { orderId: string }) => b.orderId)).toEqual([middle, youngest].map((o) => o.data.orderId));

    // 1 unit: the middle one (2) still does not fit, the youngest (1) does.
    const receipt = await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: 1, reason: 'receipt' }).expect(201);
    expect(receipt.body).toMatchObject({ onHand: 3, reserved: 3, available: 0 }); // the response already shows what the retry took
    await reservationOf(app, youngest.data.orderId);
    expect((await http(app).get(`/backorders?sku=${sku}`)).body.items.map((b: { orderId: string }) => b.orderId)).toEqual([middle.data.orderId]);

    // Cancelling the oldest gives its 2 units back, and the middle one gets them.
    await publishOrders(orderCancelled(oldest));
    await reservationOf(app, middle.data.orderId);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 3, reserved: 3 });
  });

  it('drops a pending backorder when its order is cancelled', async () => {
    const sku = newSku();
    const order = orderCreated([{ sku, quantity: 3 }]);
    await publishOrders(order);
    const backorder = await backorderOf(app, order.data.orderId);
    await publishOrders(orderCancelled(order));
    await backorderOf(app, order.data.orderId, 'cancelled');
    const [released] = await events.waitFor((e) => e.type === EventTypes.reservationReleased && (e.data as ReservationOutcomeV1).orderId === order.data.orderId);
    expect(released!.data).toMatchObject({ reservationId: backorder.reservationId, lines: [{ sku, quantity: 3 }] });
    await stockUp(app, 'AMS-1', sku, 10);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ reserved: 0 }); // a dropped backorder is never reserved
  });
});
