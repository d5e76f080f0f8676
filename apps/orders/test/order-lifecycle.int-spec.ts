import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import {
  catalogProduct, getOrder, http, orderDue, prismaOf, reservation, resetOrders, shipment, startOrders, waitForCycleOrder, waitForStatus,
} from './support/orders-test-kit';

const statusesOf = (history: Array<{ toStatus: string }>) => history.map((h) => h.toStatus);

describe('orders: status machine and fulfillment outcomes', () => {
  const clock = new ControllableClock(new Date('2026-03-01T09:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const placeOrder = async (customerId = 'cust-1'): Promise<string> => {
    const body = { customerId, channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] };
    return (await http(app).post('/orders').send(body).expect(201)).body.orderId as string;
  };
  const eventsOf = (orderId: string, count: number) => events.waitFor((e) => e.subject === orderId, count);
  const typesOf = (list: EventEnvelope[]) => list.map((e) => e.type);

  it('moves through reserved, released, shipped, delivered and closed, one history row and one event per change', async () => {
    const orderId = await placeOrder();
    const reserved = reservation(EventTypes.reservationReserved, orderId);
    await publishTestEvents(Topics.reservation, [reserved]);
    await waitForStatus(app, orderId, 'released');
    await publishTestEvents(Topics.shipment, [shipment(orderId, 'in-transport-out'), shipment(orderId, 'shipped')]);
    await waitForStatus(app, orderId, 'shipped');
    await publishTestEvents(Topics.shipment, [shipment(orderId, 'delivered')]);
    await waitForStatus(app, orderId, 'delivered');
    const closed = await http(app).post(`/orders/${orderId}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(statusesOf(closed.body.history)).toEqual(['created', 'reserved', 'released', 'shipped', 'delivered', 'closed']);
    expect(closed.body.history[3]).toMatchObject({ fromStatus: 'released', toStatus: 'shipped', reason: expect.stringMatching(/^shipment .+ \(PostNL 3S123\)$/) });
    const published = await eventsOf(orderId, 6);
    expect(typesOf(published)).toEqual([
      EventTypes.orderCreated, EventTypes.orderReserved, EventTypes.orderReleased, EventTypes.orderShipped, EventTypes.orderDelivered, EventTypes.orderClosed,
    ]);
    expect(published[1]).toMatchObject({ causationid: reserved.id, correlationid: reserved.correlationid, data: { status: 'reserved', orderId } });
    expect((published[5]!.data as OrderLifecycleV1).status).toBe('closed');
  });

  it('applies the out-of-stock policy on a shortage: backorder waits for stock, skip and pause cancel', async () => {
    const dues = (['backorder', 'skip', 'pause'] as const).map((policy) => orderDue(randomUUID(), 0, [{ product: coffee, quantity: 3 }], { outOfStockPolicy: policy }));
    await publishTestEvents(Topics.orderDue, dues);
    const [backorder, skip, pause] = await Promise.all(dues.map((due) => waitForCycleOrder(app, due.data.cycleKey)));
    const short = [{ sku: coffee.sku, quantity: 3, shortBy: 2 }];
    await publishTestEvents(Topics.reservation, [backorder!, skip!, pause!].map((id) => reservation(EventTypes.reservationShortage, id, short)));
    expect((await waitForStatus(app, backorder!, 'backordered')).history.at(-1)).toMatchObject({ fromStatus: 'created', reason: `out-of-stock: backordered (${coffee.sku} short by 2)` });
    expect((await waitForStatus(app, skip!, 'cancelled')).history.at(-1)!.reason).toBe('out-of-stock: cycle skipped');
    expect((await waitForStatus(app, pause!, 'cancelled')).history.at(-1)!.reason).toBe('out-of-stock: subscription paused');
    const [, paused] = await eventsOf(pause!, 2);
    expect(paused).toMatchObject({ type: EventTypes.orderCancelled, data: { status: 'cancelled', reason: 'out-of-stock: subscription paused', stockOutcome: 'paused' } });
    // The cancel makes fulfillment release the reservation; that changes nothing here. Stock then arrives for the backorder.
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationReleased, pause!), reservation(EventTypes.reservationReserved, backorder!)]);
    const released = await waitForStatus(app, backorder!, 'released');
    expect(statusesOf(released.history)).toEqual(['created', 'backordered', 'reserved', 'released']);
    expect(typesOf(await eventsOf(backorder!, 4))).toEqual([EventTypes.orderCreated, EventTypes.orderBackordered, EventTypes.orderReserved, EventTypes.orderReleased]);
    expect((await getOrder(app, pause!)).status).toBe('cancelled');
  });

  it('answers 409 with the reason for changes the machine forbids, and changes nothing', async () => {
    const orderId = await placeOrder();
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationShortage, orderId)]);
    await waitForStatus(app, orderId, 'backordered');
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['hold', { reason: 'fraud check' }, 'cannot hold an order that is backordered'],
      ['close', {}, 'cannot close an order that is backordered'],
      ['release-hold', {}, 'cannot release the hold of an order that is backordered'],
    ];
    for (const [action, body, message] of refusals) {
      const response = await http(app).post(`/orders/${orderId}/${action}`).send(body).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message });
    }
    const cancelled = await http(app).post(`/orders/${orderId}/cancel`).send({ reason: 'customer changed their mind' }).expect(200);
    expect(cancelled.body.history.at(-1)).toMatchObject({ fromStatus: 'backordered', toStatus: 'cancelled', reason: 'customer changed their mind' });
    const again = await http(app).post(`/orders/${orderId}/cancel`).send({}).expect(409);
    expect(again.body.message).toBe('cannot cancel an order that is cancelled');
    expect(statusesOf((await getOrder(app, orderId)).history)).toEqual(['created', 'backordered', 'cancelled']);
    const [, , last] = await eventsOf(orderId, 3);
    expect(last).toMatchObject({ type: EventTypes.orderCancelled, data: { reason: 'customer changed their mind' } });
    await http(app).post(`/orders/${randomUUID()}/close`).expect(404);
  });

  it('holds and releases back to the status before the hold, remembering fulfillment progress made meanwhile', async () => {
    const orderId = await placeOrder();
    const held = await http(app).post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    expect(held.body).toMatchObject({ status: 'on-hold', statusBeforeHold: 'created', holdReason: 'address check' });
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationReserved, orderId)]); // fulfillment does not stop for holds
    const during = await waitFor(() => getOrder(app, orderId), (o) => o.statusBeforeHold === 'released');
    expect(during.status).toBe('on-hold');
    const released = await http(app).post(`/orders/${orderId}/release-hold`).expect(200);
    expect(released.body).toMatchObject({ status: 'released', statusBeforeHold: null, holdReason: null });
    expect(released.body.history.map((h: { fromStatus: string; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
      'null>created', 'created>on-hold', 'on-hold>on-hold', 'on-hold>on-hold', 'on-hold>released',
    ]);
    expect(typesOf(await eventsOf(orderId, 3))).toEqual([EventTypes.orderCreated, EventTypes.orderOnHold, EventTypes.orderReleased]);
    await http(app).post(`/orders/${orderId}/hold`).send({ reason: 'second look' }).expect(200);
    const cancelled = await http(app).post(`/orders/${orderId}/cancel`).send({}).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusBeforeHold: null, holdReason: null });
  });

  it('names the actor of every change in the history row and on the event: the caller, or the cause event\'s actor', async () => {
    const body = { customerId: 'cust-1', channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] };
    const orderId = (await httpAs(app, 'channel', 'shop-1').post('/orders').send(body).expect(201)).body.orderId as string;
    await httpAs(app, 'csr', 'csr-7').post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    const reserved = { ...reservation(EventTypes.reservationReserved, orderId), actorsub: 'system:fulfillment', actorrole: 'system' };
    await publishTestEvents(Topics.reservation, [reserved]);
    await waitFor(() => getOrder(app, orderId), (o) => o.statusBeforeHold === 'released');
    const released = await httpAs(app, 'csr', 'csr-8').post(`/orders/${orderId}/release-hold`).expect(200);
    expect(released.body.history.map((h: { toStatus: string; actor: object }) => [h.toStatus, h.actor])).toEqual([
      ['created', { sub: 'shop-1', role: 'channel' }],
      ['on-hold', { sub: 'csr-7', role: 'csr' }],
      ['on-hold', { sub: 'system:fulfillment', role: 'system' }],
      ['on-hold', { sub: 'system:fulfillment', role: 'system' }],
      ['released', { sub: 'csr-8', role: 'csr' }],
    ]);
    const published = await eventsOf(orderId, 3);
    expect(published.map((e) => [e.type, e.actorsub, e.actorrole])).toEqual([
      [EventTypes.orderCreated, 'shop-1', 'channel'], [EventTypes.orderOnHold, 'csr-7', 'csr'], [EventTypes.orderReleased, 'csr-8', 'csr'],
    ]);
  });

  it('logs and skips fulfillment events that do not fit the order status, without blocking later ones', async () => {
    const orderId = await placeOrder();
    const early = [shipment(orderId, 'delivered'), shipment(orderId, 'shipped')]; // before any reservation: illegal
    const unknown = reservation(EventTypes.reservationReserved, randomUUID());
    await publishTestEvents(Topics.shipment, early);
    await publishTestEvents(Topics.reservation, [unknown, reservation(EventTypes.reservationReserved, orderId)]);
    const order = await waitForStatus(app, orderId, 'released');
    await waitFor(() => prismaOf(app).processedEvent.count({ where: { eventId: { in: [...early, unknown].map((e) => e.id) } } }), (n) => n === 3);
    expect(statusesOf(order.history)).toEqual(['created', 'reserved', 'released']);
  });

  it('lists orders by customer, subscription, status and created_at range, newest first, with pagination', async () => {
    const customer = `cust-${randomUUID().slice(0, 6)}`;
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      clock.set(new Date(`2026-04-0${day}T12:00:00Z`));
      ids.push(await placeOrder(customer));
    }
    await placeOrder('someone-else');
    const due = orderDue(randomUUID(), 4, [{ product: coffee, quantity: 1 }], { customerId: customer });
    await publishTestEvents(Topics.orderDue, [due]);
    const dueOrder = await waitForCycleOrder(app, due.data.cycleKey);
    await http(app).post(`/orders/${ids[1]}/cancel`).send({}).expect(200);

    const list = (query: string) => http(app).get(`/orders?${query}`).expect(200).then((r) => r.body);
    const all = await list(`customerId=${customer}&limit=2`);
    expect(all).toMatchObject({ total: 6, limit: 2, offset: 0 });
    expect(all.items.map((o: { orderId: string }) => o.orderId)).toEqual([dueOrder, ids[4]]); // the due order was created last (clock at day 5)
    const page3 = await list(`customerId=${customer}&limit=2&offset=4`);
    expect(page3.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[1], ids[0]]);
    expect((await list(`customerId=${customer}&status=cancelled`)).items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[1]]);
    expect((await list(`subscriptionId=${due.data.subscriptionId}`)).items.map((o: { cycleKey: string }) => o.cycleKey)).toEqual([due.data.cycleKey]);
    const range = await list(`customerId=${customer}&from=2026-04-02T00:00:00Z&to=2026-04-04T12:00:00Z`);
    expect(range.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[2], ids[1]]);
    const bad = await http(app).get('/orders?from=2026-04-04T00:00:00Z&to=2026-04-01T00:00:00Z').expect(422);
    expect(bad.body.errors).toEqual([{ field: 'to', messages: ['to must be later than from'] }]);
  });
});
