import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { fixtures, Topics, type ReservationOutcomeV1, type ShipmentStatusV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { drainOrderPartition, http, newSku, orderCreated, publishOrders, resetFulfillment, startFulfillment } from './support/fulfillment-test-kit';

describe('fulfillment: rental units, long-term holds and delivery statuses', () => {
  const clock = new ControllableClock(new Date('2026-03-02T10:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let inventory: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.shipment, Topics.reservation]);
    inventory = await EventCollector.start([Topics.inventory]);
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'Amsterdam' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
    await inventory?.stop();
  });

  async function units(sku: string, count: number): Promise<string[]> {
    const serials: string[] = [];
    for (let i = 1; i <= count; i++) {
      const serial = `${sku}-${String(i).padStart(3, '0')}`;
      await http(app).post('/rental-units').send({ serial, sku, warehouse: 'AMS-1' }).expect(201);
      serials.push(serial);
    }
    return serials;
  }
  const summary = async (sku: string) => (await http(app).get(`/rental-units/summary?sku=${sku}`).expect(200)).body.states;

  async function rentalOrder(sku: string, subscriptionId: string = randomUUID()) {
    const order = orderCreated([{ sku, quantity: 1, kind: 'rental', subscriptionLineId: 'sub-line-1' }], randomUUID(), subscriptionId);
    await publishOrders(order);
    const { body } = await waitFor(() => http(app).get(`/shipments?orderId=${order.data.orderId}`), (r) => r.body.total === 1, { what: 'rental delivery' });
    return { orderId: order.data.orderId, delivery: body.items[0] };
  }

  it('sends a rental delivery to the order\'s address: on the delivery, its events and the reserved event', async () => {
    const sku = newSku();
    await units(sku, 1);
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
    const created = orderCreated([{ sku, quantity: 1, kind: 'rental', subscriptionLineId: 'sub-line-1' }], randomUUID(), randomUUID());
    await publishOrders({ ...created, data: { ...created.data, shipTo } });
    const { body } = await waitFor(() => http(app).get(`/shipments?orderId=${created.data.orderId}`), (r) => r.body.total === 1, { what: 'rental delivery' });
    expect(body.items[0]).toMatchObject({ kind: 'rental', status: 'created', shipTo });
    const ofOrder = (e: { data: unknown }) => (e.data as { orderId: string }).orderId === created.data.orderId;
    const published = await events.waitFor((e) => ofOrder(e), 2);
    expect(published.map((e) => (e.data as ReservationOutcomeV1 | ShipmentStatusV1).shipTo)).toEqual([shipTo, shipTo]);
  });

  const move = (id: string, status: string, extra: object = {}) => http(app).patch(`/shipments/${id}`).send({ status, ...extra });

  it('holds one unit long-term for a rental order and frees it only at Closed', async () => {
    const sku = newSku();
    const [first] = await units(sku, 2);
    expect(await summary(sku)).toMatchObject({ available: 2, reserved: 0 });
    const { orderId, delivery } = await rentalOrder(sku);
    expect(delivery).toMatchObject({ kind: 'rental', status: 'created', lines: [{ sku, quantity: 1, unit: { serial: first, state: 'reserved' } }] });
    expect(await summary(sku)).toMatchObject({ available: 1, reserved: 1 });
    const reserved = await events.waitFor((e) => (e.data as ReservationOutcomeV1).orderId === orderId && e.type.includes('reservation'), 1);
    expect(reserved[0]!.data).toMatchObject({ outcome: 'reserved', kind: 'long-term', lines: [{ sku, quantity: 1 }] });

    const path: Array<[string, string, number]> = [
      ['in-transport-out', 'with-customer', 1], ['with-customer', 'with-customer', 1], ['in-transport-return', 'returning', 1],
      ['returned', 'returned', 1], ['checked', 'checking', 1], ['closed', 'available', 2],
    ];
    for (const [status, unitState, available] of path) {
      const { body } = await move(delivery.shipmentId, status).expect(200);
      expect(body).toMatchObject({ status, lines: [{ unit: { state: unitState } }] });
      expect((await summary(sku)).available).toBe(available);
    }
    const history = (await http(app).get(`/shipments/${delivery.shipmentId}/history`).expect(200)).body.items;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['created', ...path.map(([s]) => s)]);
    expect(history[0].actor).toEqual({ sub: 'system:fulfillment', role: 'system' });
    const published = await events.waitFor((e) => (e.data as ShipmentStatusV1).orderId === orderId && e.type.includes('shipment'), 7);
    const closed = published.map((e) => e.data as ShipmentStatusV1).find((d) => d.status === 'closed');
    expect(closed).toMatchObject({ kind: 'rental', previousStatus: 'checked', rental: { serial: first, sku, orderReturnsClosed: true, subscriptionId: expect.any(String) } });
    expect((await http(app).get(`/rental-holds?orderId=${orderId}`).expect(200)).body.items).toMatchObject([{ status: 'closed', serial: first, deliveryStatus: 'closed' }]);
  });

  it('refuses illegal moves with 409 naming the allowed next statuses; a repeated status changes nothing twice', async () => {
    const sku = newSku();
    await units(sku, 1);
    const { delivery } = await rentalOrder(sku);
    const early = await move(delivery.shipmentId, 'closed').expect(409);
    expect(early.body.errors).toEqual([{ field: 'status', messages: ['a created rental delivery cannot become closed (allowed next: in-transport-out)'] }]);
    await move(delivery.shipmentId, 'in-transport-out').expect(200);
    await move(delivery.shipmentId, 'in-transport-out').expect(200);
    await move(delivery.shipmentId, 'with-customer').expect(200);
    const auto = await move(delivery.shipmentId, 'swap-in-ready').expect(409);
    expect(auto.body.errors[0].messages[0]).toMatch(/set automatically/);
    const skip = await move(delivery.shipmentId, 'checked').expect(409);
    expect(skip.body.errors[0].messages[0]).toBe('a with-customer rental delivery cannot become checked (allowed next: in-transport-return)');
    const history = (await http(app).get(`/shipments/${delivery.shipmentId}/history`).expect(200)).body.items;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['created', 'in-transport-out', 'with-customer']);
  });

  it('sends a unit found damaged at check to unavailable, where Closed leaves it', async () => {
    const sku = newSku();
    await units(sku, 1);
    const { delivery } = await rentalOrder(sku);
    for (const status of ['in-transport-out', 'with-customer', 'in-transport-return', 'returned']) await move(delivery.shipmentId, status).expect(200);
    await move(delivery.shipmentId, 'checked', { damaged: true }).expect(200);
    await move(delivery.shipmentId, 'closed').expect(200);
    expect(await summary(sku)).toMatchObject({ available: 0, unavailable: 1 });
    const [unit] = (await http(app).get(`/rental-units?sku=${sku}`).expect(200)).body.items;
    expect(unit).toMatchObject({ state: 'unavailable', unavailableReason: 'damaged' });
    await http(app).post(`/rental-units/${unit.unitId}/repaired`).expect(200);
    expect(await summary(sku)).toMatchObject({ available: 1, unavailable: 0 });
  });

  it('answers a typed shortage when no unit is free, and lets a store manager re-allocate a unit before it leaves', async () => {
    const sku = newSku();
    const [, second] = await units(sku, 2);
    const { delivery } = await rentalOrder(sku);
    const hold = (await http(app).get(`/rental-holds?orderId=${delivery.orderId}`).expect(200)).body.items[0];
    const moved = await http(app).put(`/rental-holds/${hold.holdId}/unit`).send({ serial: second }).expect(200);
    expect(moved.body).toMatchObject({ serial: second, status: 'active' });
    expect(await summary(sku)).toMatchObject({ available: 1, reserved: 1 });
    await rentalOrder(sku);
    const none = orderCreated([{ sku, quantity: 1, kind: 'rental' }]);
    await publishOrders(none);
    const [shortage] = await events.waitFor((e) => (e.data as ReservationOutcomeV1).orderId === none.data.orderId && e.type.includes('reservation'), 1);
    expect(shortage!.data).toMatchObject({ outcome: 'shortage', kind: 'long-term', lines: [{ sku, quantity: 1, shortBy: 1 }] });
    await move(delivery.shipmentId, 'in-transport-out').expect(200);
    await http(app).put(`/rental-holds/${hold.holdId}/unit`).send({ serial: second }).expect(409);
  });

  it('names who created a warehouse, added, repaired and re-allocated units in their audit rows and on the availability events', async () => {
    const warehouse = await httpAs(app, 'ops', 'ops-7').post('/warehouses').send({ code: 'RTM-1', name: 'Rotterdam' }).expect(201);
    expect(warehouse.body.createdBy).toEqual({ sub: 'ops-7', role: 'ops' });
    const sku = newSku();
    const added = await httpAs(app, 'ops', 'ops-7').post('/rental-units').send({ serial: `${sku}-A`, sku, warehouse: 'RTM-1' }).expect(201);
    await httpAs(app, 'ops', 'ops-8').post('/rental-units').send({ serial: `${sku}-B`, sku, warehouse: 'RTM-1' }).expect(201);
    await httpAs(app, 'ops', 'ops-8').post(`/rental-units/${added.body.unitId}/repair`).expect(200);
    await httpAs(app, 'ops', 'ops-9').post(`/rental-units/${added.body.unitId}/repaired`).expect(200);
    const { delivery } = await rentalOrder(sku);
    const hold = (await http(app).get(`/rental-holds?orderId=${delivery.orderId}`).expect(200)).body.items[0];
    const other = hold.serial === `${sku}-A` ? `${sku}-B` : `${sku}-A`;
    await httpAs(app, 'ops', 'ops-9').put(`/rental-holds/${hold.holdId}/unit`).send({ serial: other }).expect(200);

    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    const changes = await prisma.rentalUnitChange.findMany({ where: { unitId: added.body.unitId }, orderBy: { id: 'asc' } });
    expect(changes.slice(0, 3).map((c) => [c.action, c.actorSub, c.actorRole])).toEqual([['added', 'ops-7', 'ops'], ['repair', 'ops-8', 'ops'], ['repaired', 'ops-9', 'ops']]);
    const moved = await prisma.rentalUnitChange.findMany({ where: { holdId: hold.holdId }, orderBy: { id: 'asc' } });
    expect(moved.map((c) => [c.action, c.actorSub])).toEqual([['reallocated-from', 'ops-9'], ['reallocated-to', 'ops-9']]);
    // The hold the order made is fulfillment's own decision (the test's order event names nobody).
    const availability = await inventory.waitFor((e) => e.subject === sku, 6);
    expect(availability.map((e) => e.actorsub)).toEqual(['ops-7', 'ops-8', 'ops-8', 'ops-9', 'system:fulfillment', 'ops-9']);
  });

  it('lets ops add, retire and repair units, and refuses what a rented unit cannot do', async () => {
    const sku = newSku();
    const [serial] = await units(sku, 1);
    await http(app).post('/rental-units').send({ serial, sku, warehouse: 'AMS-1' }).expect(409);
    await http(app).post('/rental-units').send({ serial: 'X-1', sku, warehouse: 'NOPE' }).expect(404);
    const [unit] = (await http(app).get(`/rental-units?sku=${sku}`).expect(200)).body.items;
    await http(app).post(`/rental-units/${unit.unitId}/repair`).expect(200);
    expect(await summary(sku)).toMatchObject({ available: 0, unavailable: 1 });
    await http(app).post(`/rental-units/${unit.unitId}/repaired`).expect(200);
    await rentalOrder(sku);
    await http(app).post(`/rental-units/${unit.unitId}/retire`).expect(409);
  });

  it('asks nothing of fulfillment for a monthly fee order', async () => {
    const sku = newSku();
    await units(sku, 1);
    const fee = orderCreated([{ sku, quantity: 1, kind: 'rental-fee' }]);
    await publishOrders(fee);
    await drainOrderPartition(app, fee.data.orderId);
    expect((await http(app).get(`/shipments?orderId=${fee.data.orderId}`).expect(200)).body.total).toBe(0);
    expect((await http(app).get(`/reservations?orderId=${fee.data.orderId}`).expect(200)).body.total).toBe(0);
  });

  it('swaps on request: Swap Out Request holds a second unit, Swap In Ready marks the first, which is freed only at Closed', async () => {
    const [bike, cargo] = [newSku(), newSku()];
    await units(bike, 1);
    await units(cargo, 1);
    const subscriptionId = randomUUID();
    const { orderId, delivery } = await rentalOrder(bike, subscriptionId);
    for (const status of ['in-transport-out', 'with-customer']) await move(delivery.shipmentId, status).expect(200);
    const swap = { lineId: 'sub-line-1', fromProductId: randomUUID(), fromSku: bike, toProductId: randomUUID(), toSku: cargo };
    await publishTestEvents(Topics.subscriptionLifecycle, [fixtures.subscriptionSwapRequested({ subscriptionId, swap })]);
    const { body } = await waitFor(() => http(app).get(`/shipments?subscriptionId=${subscriptionId}`), (r) => r.body.total === 2, { what: 'swap delivery' });
    const statuses = Object.fromEntries(body.items.map((d: { lines: Array<{ sku: string }>; status: string }) => [d.lines[0]!.sku, d.status]));
    expect(statuses).toEqual({ [bike]: 'swap-in-ready', [cargo]: 'swap-out-request' });
    expect(await summary(cargo)).toMatchObject({ available: 0, reserved: 1 });
    const old = delivery.shipmentId;
    for (const status of ['swap-in-returned', 'checked']) {
      await move(old, status).expect(200);
      expect((await summary(bike)).available).toBe(0);
    }
    await move(old, 'closed').expect(200);
    expect((await summary(bike)).available).toBe(1);
    const holds = (await http(app).get(`/rental-holds?orderId=${orderId}&status=active`).expect(200)).body.items;
    expect(holds).toMatchObject([{ sku: cargo, deliveryStatus: 'swap-out-request' }]);
  });

  it('marks the deliveries with the customer Subscription End Request on an end request', async () => {
    const sku = newSku();
    await units(sku, 1);
    const subscriptionId = randomUUID();
    const { delivery } = await rentalOrder(sku, subscriptionId);
    for (const status of ['in-transport-out', 'with-customer']) await move(delivery.shipmentId, status).expect(200);
    await publishTestEvents(Topics.subscriptionLifecycle, [fixtures.subscriptionEndRequested({ subscriptionId })]);
    await waitFor(() => http(app).get(`/shipments/${delivery.shipmentId}`), (r) => r.body.status === 'subscription-end-request', { what: 'end request status' });
    for (const status of ['in-transport-return', 'returned', 'checked']) await move(delivery.shipmentId, status).expect(200);
    expect((await summary(sku)).available).toBe(0);
    await move(delivery.shipmentId, 'closed').expect(200);
    expect((await summary(sku)).available).toBe(1);
  });
});
