import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { waitFor } from '@oms/testing';
import {
  backorderOf, cleared, drainOrderPartition, holdChange, http, newSku, orderCreated, orderHold, prismaOf, publishOrders, reservationOf,
  resetFulfillment, startFulfillment, stockOf, stockUp,
} from './support/fulfillment-test-kit';

type Hold = { holdId: string; type: string; code: string; placedBy: { sub: string; role: string } };

/**
 * Holds placed after an order reached fulfillment (issue 12 follow-up): events in, HTTP out. A held order keeps its
 * stock reserved and cannot be shipped (nor its rental delivery sent) until every hold is cleared.
 */
describe('fulfillment: orders on hold', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startFulfillment();
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'Amsterdam' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Waits until fulfillment shows the order's open holds as `types` (on its reservation and its release). */
  async function openHolds(orderId: string, types: string[]): Promise<Hold[]> {
    const { body } = await waitFor(
      () => http(app).get(`/reservations?orderId=${orderId}`),
      (r) => JSON.stringify(r.body.items?.[0]?.holds?.map((h: Hold) => h.type)) === JSON.stringify(types),
      { what: `open holds [${types.join(', ')}] of order ${orderId}` },
    );
    expect(body.items[0].releases.map((r: { holds: Hold[] }) => r.holds.map((h) => h.type))).toEqual([types]);
    return body.items[0].holds;
  }
  const ship = (orderId: string) => http(app).post('/shipments').send({ orderId });

  async function reservedOrder(sku: string, quantity = 2): Promise<EventEnvelope<OrderLifecycleV1>> {
    const created = orderCreated([{ sku, quantity }]);
    await publishOrders(created);
    await reservationOf(app, created.data.orderId, 'active');
    return created;
  }

  it('refuses to ship a held order with 409 naming the hold, keeps its stock reserved, and ships it once the hold is cleared', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const created = await reservedOrder(sku);
    const fraud = orderHold('fraud', 'rep-suspects-fraud');
    await publishOrders(holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [fraud] }));
    expect(await openHolds(created.data.orderId, ['fraud'])).toEqual([
      { holdId: fraud.holdId, type: 'fraud', code: 'rep-suspects-fraud', placedBy: { sub: 'csr-ann', role: 'csr' }, placedAt: fraud.placedAt },
    ]);

    const refused = await ship(created.data.orderId).expect(409);
    expect(refused.body).toMatchObject({
      message: `order ${created.data.orderNumber} is on hold (fraud) and cannot be shipped`,
      errors: [{ field: 'orderId' }], holds: [{ holdId: fraud.holdId, type: 'fraud', code: 'rep-suspects-fraud' }],
    });
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 5, reserved: 2 }); // a hold is not a cancellation
    expect((await reservationOf(app, created.data.orderId)).status).toBe('active');

    // Clearing the last hold returns the order to the status it had: that status's event carries the cleared hold.
    await publishOrders(holdChange(created, EventTypes.orderReleased, 'released', { cleared: [cleared(fraud)] }));
    await openHolds(created.data.orderId, []);
    const shipped = await ship(created.data.orderId).expect(201);
    expect(shipped.body).toMatchObject({ orderId: created.data.orderId, status: 'shipped' });
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('needs every open hold cleared, and a hold event seen twice places or clears nothing again', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const created = await reservedOrder(sku);
    const { orderId } = created.data;
    const [manual, credit] = [orderHold('manual', 'customer-called'), orderHold('credit', 'credit-limit')];
    const onHold = holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [manual] });
    await publishOrders(onHold, onHold, holdChange(created, EventTypes.orderHoldPlaced, 'on-hold', { placed: [credit] }));
    await openHolds(orderId, ['manual', 'credit']);
    expect((await ship(orderId).expect(409)).body.message).toBe(`order ${created.data.orderNumber} is on hold (manual, credit) and cannot be shipped`);

    await publishOrders(holdChange(created, EventTypes.orderHoldCleared, 'on-hold', { cleared: [cleared(manual)] }));
    await openHolds(orderId, ['credit']);
    expect((await ship(orderId).expect(409)).body.message).toBe(`order ${created.data.orderNumber} is on hold (credit) and cannot be shipped`);

    // The same event redelivered, and the same hold in another event: the manual hold stays cleared.
    await publishOrders(onHold, holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [manual] }));
    await drainOrderPartition(app, orderId);
    await openHolds(orderId, ['credit']);
    const prisma = await prismaOf(app);
    expect(await prisma.orderHold.count({ where: { orderId } })).toBe(2);

    await publishOrders(holdChange(created, EventTypes.orderReleased, 'released', { cleared: [cleared(credit)] }));
    await openHolds(orderId, []);
    await ship(orderId).expect(201);
    const rows = await prisma.orderHold.findMany({ where: { orderId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.type, r.clearedBySub])).toEqual([['manual', 'csr-ann'], ['credit', 'csr-ann']]);
  });

  it('marks only the order events that change something here: a plain status event passes unmarked, a hold\'s is marked', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const created = await reservedOrder(sku);
    const { orderId } = created.data;
    const plain = holdChange(created, EventTypes.orderReleased, 'released', {});
    const onHold = holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [orderHold('manual', 'customer-called')] });
    await publishOrders(plain, onHold, plain);
    await openHolds(orderId, ['manual']);
    await drainOrderPartition(app, orderId);

    const prisma = await prismaOf(app);
    const marked = await prisma.processedEvent.findMany({
      where: { consumer: 'fulfillment.order-events', eventId: { in: [created.id, plain.id, onHold.id] } }, select: { eventId: true },
    });
    expect(marked.map((row) => row.eventId).sort()).toEqual([created.id, onHold.id].sort());
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await reservationOf(app, orderId)).status).toBe('active');
  });

  it('keeps a held backorder unshippable when a stock receipt reserves it', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 0);
    const created = orderCreated([{ sku, quantity: 2 }]);
    await publishOrders(created);
    await backorderOf(app, created.data.orderId);
    const payment = orderHold('payment', 'card-declined');
    await publishOrders(holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [payment] }));
    await waitFor(async () => (await prismaOf(app)).orderHold.count({ where: { orderId: created.data.orderId } }), (n) => n === 1, { what: 'the hold of the backorder' });

    await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: 2, reason: 'receipt' }).expect(201);
    await reservationOf(app, created.data.orderId, 'active');
    await openHolds(created.data.orderId, ['payment']);
    expect((await ship(created.data.orderId).expect(409)).body.holds).toEqual([expect.objectContaining({ type: 'payment' })]);

    await publishOrders(holdChange(created, EventTypes.orderBackordered, 'backordered', { cleared: [cleared(payment)] }));
    await openHolds(created.data.orderId, []);
    await ship(created.data.orderId).expect(201);
  });

  it('changes nothing for a hold placed after the order shipped, nor for one of an order it does not know', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const created = await reservedOrder(sku);
    const { body: shipment } = await ship(created.data.orderId).expect(201);
    await publishOrders(holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [orderHold('manual')] }));
    // Born on hold: fulfillment first hears of the order when it is released, with no hold open.
    const bornHeld = orderCreated([{ sku, quantity: 1 }]);
    const fraud = orderHold('fraud');
    await publishOrders(holdChange(bornHeld, EventTypes.orderOnHold, 'on-hold', { placed: [fraud] }));
    await drainOrderPartition(app, created.data.orderId);
    await drainOrderPartition(app, bornHeld.data.orderId);
    expect(await (await prismaOf(app)).orderHold.count()).toBe(0);
    expect((await http(app).get(`/shipments/${shipment.shipmentId}`).expect(200)).body).toMatchObject({ status: 'shipped', holds: [] });

    await publishOrders(holdChange(bornHeld, EventTypes.orderCreated, 'created', { cleared: [cleared(fraud)] }));
    await reservationOf(app, bornHeld.data.orderId, 'active');
    await ship(bornHeld.data.orderId).expect(201);
  });

  it('does not send a held order\'s rental delivery until the hold is cleared', async () => {
    const sku = newSku();
    await http(app).post('/rental-units').send({ serial: `${sku}-001`, sku, warehouse: 'AMS-1' }).expect(201);
    const created = orderCreated([{ sku, quantity: 1, kind: 'rental', subscriptionLineId: 'sub-line-1' }], randomUUID(), randomUUID());
    await publishOrders(created);
    const { body } = await waitFor(() => http(app).get(`/shipments?orderId=${created.data.orderId}`), (r) => r.body.total === 1, { what: 'rental delivery' });
    const delivery = body.items[0];
    const manual = orderHold('manual');
    await publishOrders(holdChange(created, EventTypes.orderOnHold, 'on-hold', { placed: [manual] }));
    await waitFor(() => http(app).get(`/shipments/${delivery.shipmentId}`), (r) => r.body.holds?.length === 1, { what: 'the hold on the rental delivery' });

    const refused = await http(app).patch(`/shipments/${delivery.shipmentId}`).send({ status: 'in-transport-out' }).expect(409);
    expect(refused.body.message).toBe(`order ${created.data.orderNumber} is on hold (manual) and its delivery cannot become in-transport-out`);
    expect((await http(app).get(`/rental-units/summary?sku=${sku}`).expect(200)).body.states).toMatchObject({ reserved: 1 });

    await publishOrders(holdChange(created, EventTypes.orderReleased, 'released', { cleared: [cleared(manual)] }));
    await waitFor(() => http(app).get(`/shipments/${delivery.shipmentId}`), (r) => r.body.holds?.length === 0, { what: 'the hold cleared' });
    await http(app).patch(`/shipments/${delivery.shipmentId}`).send({ status: 'in-transport-out' }).expect(200);
  });
});
