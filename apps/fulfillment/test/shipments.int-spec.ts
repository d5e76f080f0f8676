import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ReservationOutcomeV1, type ShipmentStatusV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs } from '@oms/testing';
import {
  backorderOf, http, newSku, orderCancelled, orderCreated, prismaOf, publishOrders, reservationOf, resetFulfillment, startFulfillment, stockOf, stockUp,
} from './support/fulfillment-test-kit';

const ADMIN = { sub: 'admin-1', role: 'admin' }; // the test kit calls as admin (httpAs)

describe('fulfillment: shipments', () => {
  const clock = new ControllableClock(new Date('2026-03-02T10:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let reservations: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.shipment]);
    reservations = await EventCollector.start([Topics.reservation]);
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'Amsterdam' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
    await reservations?.stop();
  });

  async function reservedOrder(quantity = 2) {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 10);
    const order = orderCreated([{ sku, quantity }]);
    await publishOrders(order);
    await reservationOf(app, order.data.orderId);
    return { sku, order, orderId: order.data.orderId };
  }

  it('ships a reserved order: on hand and reserved drop, then shipped and delivered are published', async () => {
    const { sku, orderId } = await reservedOrder(2);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    const { body: shipment } = await http(app).post('/shipments').send({ orderId, carrier: 'PostNL', trackingNumber: '3SABC' }).expect(201);
    expect(shipment).toMatchObject({ orderId, status: 'shipped', carrier: 'PostNL', trackingNumber: '3SABC', lines: [{ sku, quantity: 2 }], shippedAt: clock.now().toISOString(), deliveredAt: null });
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    expect((await reservationOf(app, orderId, 'shipped')).releases[0].status).toBe('shipped');
    const movement = await (await prismaOf(app)).stockMovement.findFirst({ where: { sku, kind: 'shipment' } });
    expect(movement).toMatchObject({ delta: -2, onHandAfter: 8, reference: shipment.shipmentId });

    clock.advance(86_400_000);
    const delivered = await http(app).patch(`/shipments/${shipment.shipmentId}`).send({ status: 'delivered' }).expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: clock.now().toISOString() });
    await http(app).patch(`/shipments/${shipment.shipmentId}`).send({ status: 'delivered' }).expect(200); // a retry publishes nothing new

    const published = await events.waitFor((e) => (e.data as ShipmentStatusV1).orderId === orderId, 2);
    expect(published.map((e) => e.type)).toEqual([EventTypes.shipmentStatusChanged, EventTypes.shipmentStatusChanged]);
    expect(published.map((e) => e.data)).toEqual([
      { shipmentId: shipment.shipmentId, orderId, status: 'shipped', occurredAt: '2026-03-02T10:00:00.000Z', carrier: 'PostNL', trackingNumber: '3SABC', kind: 'parcel', actor: ADMIN },
      {
        shipmentId: shipment.shipmentId, orderId, status: 'delivered', occurredAt: '2026-03-03T10:00:00.000Z', carrier: 'PostNL', trackingNumber: '3SABC',
        kind: 'parcel', actor: ADMIN, previousStatus: 'shipped',
      },
    ]);
    const outbox = await (await prismaOf(app)).outboxEvent.count({ where: { messageKey: orderId, topic: Topics.shipment } });
    expect(outbox).toBe(2);

    expect((await http(app).get(`/shipments/${shipment.shipmentId}`).expect(200)).body).toMatchObject({ status: 'delivered' });
    expect((await http(app).get(`/shipments?orderId=${orderId}`).expect(200)).body).toMatchObject({ total: 1, items: [{ shipmentId: shipment.shipmentId }] });
  });

  it('carries the order\'s delivery address to its release, reserved event, shipment and its events, also once a backorder is reserved', async () => {
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 2);
    const created = orderCreated([{ sku, quantity: 2 }]);
    const addressed = { ...created, data: { ...created.data, shipTo } };
    await publishOrders(addressed);
    const reservation = await reservationOf(app, created.data.orderId);
    expect(reservation).toMatchObject({ shipTo, releases: [{ shipTo, status: 'open' }] });
    const releases = (await http(app).get('/releases?warehouse=AMS-1&status=open').expect(200)).body.items as Array<{ orderId: string }>;
    expect(releases.filter((r) => r.orderId === created.data.orderId)).toMatchObject([{ shipTo }]);
    const [reserved] = await reservations.waitFor((e) => e.type === EventTypes.reservationReserved && (e.data as ReservationOutcomeV1).orderId === created.data.orderId);
    expect((reserved!.data as ReservationOutcomeV1).shipTo).toEqual(shipTo);

    const { body: shipment } = await http(app).post('/shipments').send({ orderId: created.data.orderId }).expect(201);
    expect(shipment.shipTo).toEqual(shipTo);
    await http(app).patch(`/shipments/${shipment.shipmentId}`).send({ status: 'delivered' }).expect(200);
    expect((await http(app).get(`/shipments/${shipment.shipmentId}`).expect(200)).body.shipTo).toEqual(shipTo);
    const published = await events.waitFor((e) => e.type === EventTypes.shipmentStatusChanged && (e.data as ShipmentStatusV1).orderId === created.data.orderId, 2);
    expect(published.map((e) => (e.data as ShipmentStatusV1).shipTo)).toEqual([shipTo, shipTo]);

    // No stock yet: the address waits with the backorder and reaches the reservation made when stock arrives.
    const shortSku = newSku();
    const short = orderCreated([{ sku: shortSku, quantity: 1 }]);
    await publishOrders({ ...short, data: { ...short.data, shipTo } });
    await backorderOf(app, short.data.orderId);
    await stockUp(app, 'AMS-1', shortSku, 1);
    expect(await reservationOf(app, short.data.orderId)).toMatchObject({ shipTo, releases: [{ shipTo }] });

    // An order without an address ships without one.
    const { orderId } = await reservedOrder(1);
    expect((await reservationOf(app, orderId)).shipTo).toBeNull();
    expect((await http(app).post('/shipments').send({ orderId }).expect(201)).body.shipTo).toBeNull();
  });

  it('names the actor on stock movements, the reservation a consumed order caused, the shipment history and its events', async () => {
    const sku = newSku();
    await httpAs(app, 'ops', 'ops-3').put(`/warehouses/AMS-1/stock/${sku}`).send({ onHand: 10 }).expect(200);
    const order = { ...orderCreated([{ sku, quantity: 2 }]), actorsub: 'shop-1', actorrole: 'channel' };
    await publishOrders(order);
    const [reserved] = await reservations.waitFor((e) => (e.data as ReservationOutcomeV1).orderId === order.data.orderId);
    expect([reserved!.actorsub, reserved!.actorrole]).toEqual(['shop-1', 'channel']); // inherited from the order event
    const { body: shipment } = await httpAs(app, 'ops', 'ops-4').post('/shipments').send({ orderId: order.data.orderId }).expect(201);
    await httpAs(app, 'ops', 'ops-5').patch(`/shipments/${shipment.shipmentId}`).send({ status: 'delivered' }).expect(200);

    const movements = await (await prismaOf(app)).stockMovement.findMany({ where: { sku }, orderBy: { id: 'asc' } });
    expect(movements.map((m) => [m.kind, m.actorSub, m.actorRole])).toEqual([['set', 'ops-3', 'ops'], ['shipment', 'ops-4', 'ops']]);
    const history = await (await prismaOf(app)).shipmentStatusChange.findMany({ where: { shipmentId: shipment.shipmentId }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.toStatus, h.actorSub, h.actorRole])).toEqual([['shipped', 'ops-4', 'ops'], ['delivered', 'ops-5', 'ops']]);
    const published = await events.waitFor((e) => (e.data as ShipmentStatusV1).orderId === order.data.orderId, 2);
    expect(published.map((e) => [e.actorsub, e.actorrole])).toEqual([['ops-4', 'ops'], ['ops-5', 'ops']]);
  });

  it('refuses with 409 to ship twice, to ship a backordered order or one without an active reservation, or to move a status backwards', async () => {
    const { orderId } = await reservedOrder();
    const { body: shipment } = await http(app).post('/shipments').send({ orderId }).expect(201);
    const twice = await http(app).post('/shipments').send({ orderId }).expect(409);
    expect(twice.body.errors).toEqual([{ field: 'orderId', messages: [`order ${orderId} has already shipped`] }]);
    const unknown = await http(app).post('/shipments').send({ orderId: 'no-such-order' }).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, message: 'order no-such-order does not exist' });

    const cancelled = await reservedOrder();
    await publishOrders(orderCancelled(cancelled.order));
    await reservationOf(app, cancelled.orderId, 'released');
    await http(app).post('/shipments').send({ orderId: cancelled.orderId }).expect(409);

    const short = orderCreated([{ sku: newSku(), quantity: 1 }]);
    await publishOrders(short);
    await backorderOf(app, short.data.orderId);
    const backordered = await http(app).post('/shipments').send({ orderId: short.data.orderId }).expect(409);
    expect(backordered.body.errors).toEqual([{ field: 'orderId', messages: [`order ${short.data.orderId} is backordered (pending); nothing is reserved to ship`] }]);

    await http(app).patch(`/shipments/${shipment.shipmentId}`).send({ status: 'delivered' }).expect(200);
    const backwards = await http(app).patch(`/shipments/${shipment.shipmentId}`).send({ status: 'shipped' }).expect(409);
    expect(backwards.body.errors).toEqual([{ field: 'status', messages: ['a delivered shipment cannot become shipped (no status may follow it)'] }]);
  });

  it('answers 400 for malformed requests and 404 for unknown shipments', async () => {
    const missing = await http(app).post('/shipments').send({ carrier: '' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['carrier', 'orderId']);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const status = await http(app).patch(`/shipments/${unknownId}`).send({ status: 'lost' }).expect(400);
    expect(status.body.errors[0].field).toBe('status');
    await http(app).patch(`/shipments/${unknownId}`).send({ status: 'delivered' }).expect(404);
    await http(app).get(`/shipments/${unknownId}`).expect(404);
    await http(app).get('/shipments/not-a-uuid').expect(400);
  });
});
