import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEnvelope, cycleKeyFor, EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents, waitFor } from '@oms/testing';
import {
  catalogProduct, channelOrder, getOrder, http, orderDue, prismaOf, resetOrders, startOrders, waitForCycleOrder,
} from './support/orders-test-kit';

const dataOf = (e: EventEnvelope) => e.data as OrderLifecycleV1;

describe('orders: intake from due cycles and channels', () => {
  const clock = new ControllableClock(new Date('2026-02-01T08:00:05Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;
  let filters: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1999 }, { currency: 'USD', amountMinor: 2199 }] });
    filters = await catalogProduct(app, { name: 'Filters', prices: [{ currency: 'EUR', amountMinor: 350 }] });
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  it('creates one priced order per due cycle and publishes "created" caused by the due event', async () => {
    const subscriptionId = randomUUID();
    const due = orderDue(subscriptionId, 0, [{ product: coffee, quantity: 2 }, { product: filters, quantity: 3 }], { outOfStockPolicy: 'skip' });
    await publishTestEvents(Topics.orderDue, [due]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    const order = await getOrder(app, orderId);
    expect(order).toMatchObject({
      orderNumber: expect.stringMatching(/^SO-\d{6}$/), status: 'created', channel: 'subscription', subscriptionId, cycleIndex: 0,
      cycleKey: due.data.cycleKey, customerEmail: 'ann@example.com', currency: 'EUR', outOfStockPolicy: 'skip', totalMinor: 2 * 1999 + 3 * 350,
      lines: [
        { sku: coffee.sku, quantity: 2, unitPriceMinor: 1999, lineTotalMinor: 3998 },
        { sku: filters.sku, quantity: 3, unitPriceMinor: 350, lineTotalMinor: 1050 },
      ],
      history: [{ fromStatus: null, toStatus: 'created', reason: null }],
    });
    const [created] = await events.waitFor((e) => e.subject === orderId);
    expect(created).toMatchObject({ type: EventTypes.orderCreated, source: '/orders', correlationid: due.correlationid, causationid: due.id });
    expect(dataOf(created!)).toMatchObject({ orderId, status: 'created', channel: 'subscription', subscriptionId, cycleIndex: 0, cycleKey: due.data.cycleKey, customerEmail: 'ann@example.com', totalMinor: 5048 });
  });

  it('copies the due cycle\'s delivery address onto the order, its API answer and its created event; a cycle without one has none', async () => {
    const subscriptionId = randomUUID();
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1', '2nd floor'], postcode: '1015 CJ', city: 'Amsterdam', region: 'Noord-Holland', countryCode: 'NL', phone: '+31 20 123 4567' };
    const withAddress = orderDue(subscriptionId, 0, [{ product: coffee, quantity: 1 }], { shipTo });
    const without = orderDue(subscriptionId, 1, [{ product: coffee, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [withAddress, without]);
    const addressed = await getOrder(app, await waitForCycleOrder(app, withAddress.data.cycleKey));
    const bare = await getOrder(app, await waitForCycleOrder(app, without.data.cycleKey));
    expect(addressed.shipTo).toEqual(shipTo);
    expect(bare.shipTo).toBeNull();
    const [created] = await events.waitFor((e) => e.subject === addressed.orderId);
    expect(dataOf(created!).shipTo).toEqual(shipTo);
    const [createdBare] = await events.waitFor((e) => e.subject === bare.orderId);
    expect(dataOf(createdBare!)).not.toHaveProperty('shipTo');
  });

  it('creates exactly one order when the same due event arrives twice and when two events carry one cycle key', async () => {
    const subscriptionId = randomUUID();
    const first = orderDue(subscriptionId, 1, [{ product: coffee, quantity: 1 }]);
    const rival = orderDue(subscriptionId, 1, [{ product: coffee, quantity: 5 }]); // another event id, same cycle key
    const sentinel = orderDue(subscriptionId, 2, [{ product: coffee, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [first, first, rival, sentinel]); // one key: processed in this order
    await waitForCycleOrder(app, sentinel.data.cycleKey);
    const orders = await prismaOf(app).salesOrder.findMany({ where: { subscriptionId }, include: { lines: true }, orderBy: { cycleIndex: 'asc' } });
    expect(orders.map((o) => [o.cycleKey, o.lines[0]!.quantity])).toEqual([[cycleKeyFor(subscriptionId, 1), 1], [sentinel.data.cycleKey, 1]]);
    // Order events are keyed by order id, so the two cycles' events may sit on different partitions and
    // arrive in either order: wait for both before asserting that the first cycle published exactly one.
    await events.waitFor((e) => e.subject === orders[0]!.id);
    await events.waitFor((e) => e.subject === orders[1]!.id);
    const cycle1 = events.events.filter((e) => dataOf(e).cycleKey === first.data.cycleKey);
    expect(cycle1.map((e) => e.type)).toEqual([EventTypes.orderCreated]);
  });

  it('prices in the event currency from the newest catalog version, ignoring a stale replay', async () => {
    const beans = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1000 }] });
    const v2 = { ...beans, prices: [{ currency: 'EUR', amountMinor: 2499 }, { currency: 'USD', amountMinor: 2699 }], version: 2 };
    const stale = createEnvelope({ type: EventTypes.productChanged, source: '/catalog', subject: beans.productId, data: { ...beans, prices: [{ currency: 'USD', amountMinor: 1 }] } });
    await publishTestEvents(Topics.catalogProduct, [createEnvelope({ type: EventTypes.productChanged, source: '/catalog', subject: beans.productId, data: v2 }), stale]);
    await waitFor(() => prismaOf(app).processedEvent.count({ where: { eventId: stale.id } }), (n) => n === 1, { what: 'the stale version consumed' });
    const usd = orderDue(randomUUID(), 0, [{ product: beans, quantity: 2 }], { currency: 'USD' });
    await publishTestEvents(Topics.orderDue, [usd]);
    const order = await getOrder(app, await waitForCycleOrder(app, usd.data.cycleKey));
    expect(order).toMatchObject({ currency: 'USD', totalMinor: 5398, lines: [{ unitPriceMinor: 2699, lineTotalMinor: 5398 }] });
  });

  it('holds a due order with an unknown product or missing price, naming the SKU; release is refused while a price is missing', async () => {
    const ghost = { ...coffee, productId: randomUUID(), sku: 'GHOST-1' };
    const due = orderDue(randomUUID(), 0, [{ product: filters, quantity: 1 }, { product: ghost, quantity: 2 }], { currency: 'EUR' });
    const noGbp = orderDue(randomUUID(), 0, [{ product: filters, quantity: 1 }], { currency: 'GBP' });
    await publishTestEvents(Topics.orderDue, [due, noGbp]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    const held = await getOrder(app, orderId);
    expect(held).toMatchObject({
      status: 'on-hold', statusBeforeHold: 'created', holdReason: 'pricing: product GHOST-1 is not in the catalog', totalMinor: 350,
      lines: [{ sku: filters.sku, unitPriceMinor: 350 }, { sku: 'GHOST-1', quantity: 2, unitPriceMinor: null, lineTotalMinor: null }],
      history: [{ fromStatus: null, toStatus: 'on-hold', reason: 'pricing: product GHOST-1 is not in the catalog' }],
    });
    const gbp = await getOrder(app, await waitForCycleOrder(app, noGbp.data.cycleKey));
    expect(gbp.holdReason).toBe(`pricing: product ${filters.sku} has no GBP price`);
    const [onHold] = await events.waitFor((e) => e.subject === orderId);
    expect(onHold!.type).toBe(EventTypes.orderOnHold); // not "created": fulfillment must not reserve an unpriced order
    expect(dataOf(onHold!)).toMatchObject({ status: 'on-hold', reason: held.holdReason, cycleKey: due.data.cycleKey });

    const refused = await http(app).post(`/orders/${orderId}/release-hold`).expect(409);
    expect(refused.body.message).toBe('cannot release the hold: product GHOST-1 is not in the catalog');
  });

  describe('channel orders', () => {
    const place = (overrides: Record<string, unknown> = {}) => ({
      customerId: 'cust-7', customerEmail: 'bo@example.com', channel: 'call-center', currency: 'EUR',
      lines: [{ productId: coffee.productId, quantity: 1 }, { productId: filters.productId, quantity: 2 }], ...overrides,
    });

    it('places a one-off order over HTTP, priced from the read model, once per (channel, externalRef)', async () => {
      const first = await http(app).post('/orders').send(place({ externalRef: 'cc-4711' })).expect(201);
      expect(first.body).toMatchObject({ status: 'created', channel: 'call-center', externalRef: 'cc-4711', subscriptionId: null, cycleKey: null, totalMinor: 1999 + 700 });
      const again = await http(app).post('/orders').send(place({ externalRef: 'cc-4711', lines: [{ productId: coffee.productId, quantity: 9 }] })).expect(200);
      expect(again.body.orderId).toBe(first.body.orderId);
      await http(app).post('/orders').send(place({ externalRef: 'cc-4711', channel: 'web' })).expect(201); // another channel's reference
      const [created] = await events.waitFor((e) => e.subject === first.body.orderId);
      expect(dataOf(created!)).toMatchObject({ channel: 'call-center', customerEmail: 'bo@example.com', status: 'created' });
      expect(await prismaOf(app).salesOrder.count({ where: { sourceRef: 'cc-4711' } })).toBe(2);
    });

    it('takes amounts past 32 bits over HTTP and from a due cycle: EUR 25,000.00 x 900', async () => {
      const piano = await catalogProduct(app, { name: 'Grand piano', prices: [{ currency: 'EUR', amountMinor: 2_500_000 }] });
      const placed = await http(app).post('/orders').send(place({ lines: [{ productId: piano.productId, quantity: 900 }] })).expect(201);
      expect(placed.body).toMatchObject({ totalMinor: 2_250_000_000, lines: [{ unitPriceMinor: 2_500_000, lineTotalMinor: 2_250_000_000 }] });
      const due = orderDue(randomUUID(), 0, [{ product: piano, quantity: 900 }]);
      await publishTestEvents(Topics.orderDue, [due]);
      const order = await getOrder(app, await waitForCycleOrder(app, due.data.cycleKey));
      expect(order).toMatchObject({ status: 'created', totalMinor: 2_250_000_000 });
      const [created] = await events.waitFor((e) => e.subject === order.orderId);
      expect(dataOf(created!).totalMinor).toBe(2_250_000_000);
    });

    it('takes a delivery address on POST /orders and on a channel order event, validated like a subscription\'s', async () => {
      const shipTo = { name: 'Bo Jansen', lines: ['Damrak 5'], postcode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' };
      const placed = await http(app).post('/orders').send(place({ shipTo })).expect(201);
      expect(placed.body.shipTo).toEqual(shipTo);
      expect((await getOrder(app, placed.body.orderId)).shipTo).toEqual(shipTo);
      const [created] = await events.waitFor((e) => e.subject === placed.body.orderId);
      expect(dataOf(created!).shipTo).toEqual(shipTo);
      expect((await http(app).post('/orders').send(place()).expect(201)).body.shipTo).toBeNull();

      const refused = await http(app).post('/orders').send(place({ shipTo: { ...shipTo, name: ' ', lines: [], countryCode: 'nl', phone: 'call me', extra: 1 } })).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field).sort())
        .toEqual(['shipTo.countryCode', 'shipTo.extra', 'shipTo.lines', 'shipTo.name', 'shipTo.phone']);
      expect((await http(app).post('/orders').send(place({ shipTo: null })).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['shipTo']);

      const fromChannel = channelOrder({ shipTo, lines: [{ productId: filters.productId, sku: filters.sku, quantity: 2 }] });
      await publishTestEvents(Topics.channelOrder, [fromChannel]);
      const [order] = await waitFor(() => prismaOf(app).salesOrder.findMany({ where: { sourceRef: fromChannel.data.channelOrderId } }), (rows) => rows.length === 1);
      expect(order!.shipTo).toEqual(shipTo);
      expect((await getOrder(app, order!.id)).shipTo).toEqual(shipTo);
    });

    it('answers 422 naming lines.N.productId for unknown, retired or unpriced products', async () => {
      const retired = await catalogProduct(app, { status: 'retired' });
      const unknown = randomUUID();
      const response = await http(app).post('/orders').send(place({
        currency: 'USD',
        lines: [{ productId: coffee.productId, quantity: 1 }, { productId: filters.productId, quantity: 1 }, { productId: retired.productId, quantity: 1 }, { productId: unknown, quantity: 1 }, { productId: coffee.productId, quantity: 1 }],
      })).expect(422);
      expect(response.body.errors).toEqual([
        { field: 'lines.1.productId', messages: [`product ${filters.sku} has no USD price`] },
        { field: 'lines.2.productId', messages: [`product ${retired.sku} is retired`] },
        { field: 'lines.3.productId', messages: [`product ${unknown} is not in the catalog`] },
        { field: 'lines.4.productId', messages: ['this product is already on another line'] },
      ]);
      expect(await prismaOf(app).salesOrder.count({ where: { customerId: 'cust-7' } })).toBe(0);
    });

    it('answers 400 with field errors for malformed requests', async () => {
      const response = await http(app).post('/orders').send(place({ channel: 'fax', currency: 'euro', customerEmail: 'nope', lines: [{ productId: 'x', quantity: 0 }], extra: 1 })).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'currency', 'customerEmail', 'extra', 'lines.0.productId', 'lines.0.quantity']);
      const empty = await http(app).post('/orders').send(place({ lines: [] })).expect(400);
      expect(empty.body.errors).toEqual([{ field: 'lines', messages: ['lines must contain at least one product'] }]);
      await http(app).get('/orders/not-a-uuid').expect(400);
      await http(app).get(`/orders/${randomUUID()}`).expect(404);
      await http(app).post(`/orders/${randomUUID()}/hold`).send({}).expect(400);
      const badList = await http(app).get('/orders?status=lost&limit=0&from=yesterday').expect(400);
      expect(badList.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'limit', 'status']);
    });

    it('turns the one-off lines of a channel order event into an order and leaves frequency lines to subscriptions', async () => {
      const mixed = channelOrder({
        customerEmail: 'cy@example.com',
        lines: [{ productId: coffee.productId, sku: coffee.sku, quantity: 1, frequency: { unit: 'month', interval: 1 } }, { productId: filters.productId, sku: filters.sku, quantity: 4 }],
      });
      const subscriptionOnly = channelOrder({ lines: [{ productId: coffee.productId, sku: coffee.sku, quantity: 1, frequency: { unit: 'month', interval: 1 } }] });
      const redelivered = { ...mixed, id: randomUUID() }; // the channel sent the same order again
      const sentinel = channelOrder({ channelOrderId: `${mixed.data.channelOrderId}-z`, lines: [{ productId: filters.productId, sku: filters.sku, quantity: 1 }] });
      await publishTestEvents(Topics.channelOrder, [mixed, mixed, subscriptionOnly, redelivered, sentinel], () => 'one-partition');
      await waitFor(() => prismaOf(app).salesOrder.count({ where: { sourceRef: sentinel.data.channelOrderId } }), (n) => n === 1);
      const orders = await prismaOf(app).salesOrder.findMany({ where: { sourceRef: { in: [mixed.data.channelOrderId, subscriptionOnly.data.channelOrderId] } }, include: { lines: true } });
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ channel: 'web', sourceRef: mixed.data.channelOrderId, customerEmail: 'cy@example.com', status: 'created', totalMinor: 1400n });
      expect(orders[0]!.lines.map((l) => [l.sku, l.quantity])).toEqual([[filters.sku, 4]]);
      const [created] = await events.waitFor((e) => e.subject === orders[0]!.id);
      expect(created).toMatchObject({ type: EventTypes.orderCreated, causationid: mixed.id });
    });
  });
});
