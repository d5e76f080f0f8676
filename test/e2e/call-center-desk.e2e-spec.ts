import { EventTypes, Topics, type EventEnvelope } from '@oms/contracts';
import type { MailSink } from '@oms/local-infra';
import { waitFor, type EventCollector } from '@oms/testing';
import { call, eventually, type Caller } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { stockedProduct } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Actor = { sub: string; role: string };
type Hold = { holdId: string; type: string; placedBy: Actor; clearedBy: Actor | null; clearedAt: string | null };
type Order = {
  orderId: string; orderNumber: string; customerId: string; status: string; totalMinor: number; agent: string | null; sourceCode: string | null;
  cancelCode?: string | null; lateNoticedAt?: string | null;
  priceOverrides: Array<{ kind: string; oldValue: number; newValue: number; reasonCode: string; actor: Actor }>;
  holds: Hold[]; history: Array<{ toStatus: string; reason: string | null; actor: Actor }>;
};
type Stock = Page<{ onHand: number; reserved: number; available: number }>;

const HOUR = 3_600_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const ANN: Caller = { role: 'csr', sub: 'csr-ann' };
const SKU = 'E2E-DESK-COFFEE';
const GERMANY = { name: 'Greta Berg', lines: ['Unter den Linden 1'], postcode: '10117', city: 'Berlin', countryCode: 'DE' };
const NETHERLANDS = { name: 'Greta Berg', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };

/**
 * The call-center desk across the five services, as a service rep works it: find the customer by the email on their
 * last order, quote a phone order with a source code and a price override (a deeper one is refused for the rep and
 * allowed for an admin), place it, see the fraud rules hold it and operations emailed, clear the hold and watch the
 * order go to the warehouse; then an order nobody ships is told late and later cancelled, its stock released; then a
 * released order the rep holds is refused by the warehouse until the hold is cleared. Every override, hold and
 * clearance names its actor in the order's history and in the events.
 */
describe('call-center desk across the services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;
  let events: EventCollector;
  let productId: string;
  const mailTo = async (template: string, to: string) => (await sink.messages()).filter((m) => m.headers['x-oms-template'] === template && m.to.includes(to));
  const orderEvents = (orderId: string, type: string) => events.waitFor((e: EventEnvelope) => e.subject === orderId && e.type === type);
  const available = async () => (await call<Stock>(system, 'fulfillment', 'GET', `/stock?sku=${SKU}`)).items[0]!.available;

  beforeAll(async () => {
    // The fraud rules this test sets would hold the orders of suites that run after it on the same databases.
    run = await startE2e({ mail: 'desk-mail', topics: [Topics.order], clock: T0, resetAfter: true });
    ({ system, sink, events } = run);
    productId = await stockedProduct(system, SKU, 50, 2000);
    await call(system, 'catalog', 'PATCH', `/products/${productId}`, { costPrices: [{ currency: 'EUR', amountMinor: 1000 }] });
    await call(system, 'orders', 'POST', '/source-codes', {
      code: 'PHONE10', description: 'Spring catalogue, 10% off', channel: 'call-center', validFrom: '2026-01-01T00:00:00Z', discountPercent: 10,
      charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }],
    });
    await call(system, 'notifications', 'PUT', '/settings/notifications', { opsEmail: 'fraud-desk@shop.test' });
  }, 300000);

  afterAll(() => run?.stop());

  const phoneOrder = (unitPriceMinor: number) => ({
    customerId: 'cust-greta', customerEmail: 'greta@example.com', customerName: 'Greta Berg', channel: 'call-center', currency: 'EUR',
    sourceCode: 'PHONE10', shipTo: GERMANY, billTo: NETHERLANDS,
    lines: [{ productId, quantity: 3, priceOverride: { unitPriceMinor, reasonCode: 'PRICE-MATCH' } }],
  });

  it('quotes with a source code and overrides, places the order, a fraud rule holds it, the rep clears it and it is released', async () => {
    // The catalog's cost price reaches the orders read model in a moment: until then the quote has no margin.
    await waitFor(() => call(system, 'orders', 'POST', '/orders/quote', phoneOrder(1900), [200, 422], ANN),
      (quote) => quote?.lines?.[0]?.unitCostMinor === 1000, { timeoutMs: 30000, what: 'the cost price in the orders read model' });
    // The customer's earlier web order, placed before any fraud rule was set.
    const earlier = await call<Order>(system, 'orders', 'POST', '/orders', {
      customerId: 'cust-greta', customerEmail: 'greta@example.com', customerName: 'Greta Berg', channel: 'web', currency: 'EUR', lines: [{ productId, quantity: 1 }],
    });
    await call(system, 'orders', 'PUT', '/settings/fraud-rules', {
      threshold: 50, orderTotalAbove: { score: 30, limits: [{ currency: 'EUR', amountMinor: 5000 }] }, countryMismatch: { score: 30 },
    });

    // The rep finds the customer by the email on their order.
    const found = await call<Page<Order>>(system, 'orders', 'GET', '/orders?search=greta%40example.com', undefined, [200], ANN);
    expect(found.items.map((o) => [o.orderNumber, o.customerId])).toEqual([[earlier.orderNumber, 'cust-greta']]);
    // (it ships, so the late-order watchdog of the next test leaves it alone)
    await eventually<Order>(system, 'orders', `/orders/${earlier.orderId}`, (o) => o.status === 'released');
    await call(system, 'fulfillment', 'POST', '/shipments', { orderId: earlier.orderId }, [201]);

    // Price details before submitting: 2000 overridden to 1900, less the code's 10% = 1710 a unit, plus shipping 495.
    const quote = await call(system, 'orders', 'POST', '/orders/quote', phoneOrder(1900), [200], ANN);
    expect(quote.lines[0]).toMatchObject({ listPriceMinor: 2000, unitNetPriceMinor: 1710, lineNetMinor: 5130, marginAlert: false });
    expect(quote.totals).toMatchObject({ chargesMinor: 495, totalMinor: 5625 });
    // 1500 is 22.5% off list beyond the code's price: more than a csr may give (15%), an admin may.
    const refused = await call(system, 'orders', 'POST', '/orders/quote', phoneOrder(1500), [403], ANN);
    expect(refused.errors[0].field).toBe('lines.0.priceOverride');
    expect((await call(system, 'orders', 'POST', '/orders/quote', phoneOrder(1500), [200], { role: 'admin', sub: 'admin-bob' })).totals.totalMinor).toBe(3 * 1350 + 495);
    expect(await call<Page<Order>>(system, 'orders', 'GET', '/orders?customerId=cust-greta')).toMatchObject({ total: 1 }); // quotes write nothing

    // Placed at the quote's prices; the fraud rules (total above 50.00, shipped abroad) hold it and tell operations.
    const placed = await call<Order>(system, 'orders', 'POST', '/orders', phoneOrder(1900), [201], ANN);
    expect(placed).toMatchObject({ totalMinor: 5625, agent: 'csr-ann', sourceCode: 'PHONE10', status: 'on-hold' });
    expect(placed.priceOverrides).toEqual([expect.objectContaining({ kind: 'unit-price', oldValue: 2000, newValue: 1900, reasonCode: 'PRICE-MATCH', actor: { sub: 'csr-ann', role: 'csr' } })]);
    expect(placed.holds).toEqual([expect.objectContaining({ type: 'fraud', code: 'fraud-score', placedBy: { sub: 'system:orders', role: 'system' } })]);
    // Born on hold, the order's first event is on-hold: it carries the overrides and the hold, each with its actor.
    const [born] = await orderEvents(placed.orderId, EventTypes.orderOnHold);
    expect(born!.actorsub).toBe('csr-ann');
    expect(born!.data).toMatchObject({
      agentSub: 'csr-ann', priceOverrides: [expect.objectContaining({ actor: { sub: 'csr-ann', role: 'csr' } })],
      placedHolds: [expect.objectContaining({ type: 'fraud', placedBy: { sub: 'system:orders', role: 'system' } })],
    });
    expect((await call<Page<Order>>(system, 'orders', 'GET', '/orders?hold=fraud', undefined, [200], ANN)).items.map((o) => o.orderId)).toEqual([placed.orderId]);
    await waitFor(() => mailTo('fraud-hold', 'fraud-desk@shop.test'), (mails) => mails.length === 1, { timeoutMs: 30000, what: 'the fraud-hold email to operations' });

    // The rep calls the customer back and clears the hold; the order goes to the warehouse.
    const fraudHold = placed.holds[0]!;
    await call(system, 'orders', 'POST', `/orders/${placed.orderId}/holds/${fraudHold.holdId}/clear`, { reason: 'called back on the number on file' }, [200, 201], ANN);
    const released = await eventually<Order>(system, 'orders', `/orders/${placed.orderId}`, (o) => o.status === 'released');
    expect(released.holds[0]).toMatchObject({ clearedBy: { sub: 'csr-ann', role: 'csr' } });
    expect(released.history.map((h) => [h.toStatus, h.actor.sub])).toEqual(expect.arrayContaining([['on-hold', 'csr-ann'], ['created', 'csr-ann']]));
    const clearedEvents = events.events.filter((e) => e.subject === placed.orderId && e.actorsub === 'csr-ann');
    expect(clearedEvents.map((e) => (e.data as { clearedHolds?: Hold[] }).clearedHolds?.[0]?.clearedBy)).toContainEqual({ sub: 'csr-ann', role: 'csr' });
    await call(system, 'fulfillment', 'POST', '/shipments', { orderId: placed.orderId }, [201]);
  }, 240000);

  it('tells the customer once that an unshipped order is late, then cancels it and releases its stock', async () => {
    await call(system, 'orders', 'PUT', '/settings/fraud-rules', { threshold: 50 }); // no rule
    await call(system, 'orders', 'PUT', '/settings/late-orders', { defaults: { noticeAfterMinutes: 120, cancelAfterMinutes: 1440 } });
    const order = await call<Order>(system, 'orders', 'POST', '/orders', {
      customerId: 'cust-hugo', customerEmail: 'hugo@example.com', channel: 'call-center', currency: 'EUR', deliveryMode: 'standard', lines: [{ productId, quantity: 2 }],
    }, [201], ANN);
    await eventually<Order>(system, 'orders', `/orders/${order.orderId}`, (o) => o.status === 'released');
    const reservationsOf = `/reservations?orderId=${order.orderId}`;
    expect((await call<Page<{ status: string }>>(system, 'fulfillment', 'GET', reservationsOf)).items.map((r) => r.status)).toEqual(['active']);
    const whileReserved = await available();

    // Standard delivery promises shipping within 48 h: 51 h after placing it is late (notice after 2 h).
    await system.setClock(new Date(T0.getTime() + 51 * HOUR));
    await call(system, 'orders', 'POST', '/jobs/late-orders/runs', undefined, [200], 'ops');
    await call(system, 'orders', 'POST', '/jobs/late-orders/runs', undefined, [200], 'ops'); // a second run tells nobody again
    const noticed = await call<Order>(system, 'orders', 'GET', `/orders/${order.orderId}`);
    expect(noticed).toMatchObject({ status: 'released' });
    expect(noticed.lateNoticedAt).toBeTruthy();
    await orderEvents(order.orderId, EventTypes.orderLate);
    await waitFor(() => mailTo('late-order', 'hugo@example.com'), (mails) => mails.length === 1, { timeoutMs: 30000, what: 'the late-order email' });

    // Past the cancel threshold (24 h late) the watchdog cancels it; fulfillment releases the two units.
    await system.setClock(new Date(T0.getTime() + 73 * HOUR));
    await call(system, 'orders', 'POST', '/jobs/late-orders/runs', undefined, [200], 'ops');
    const cancelled = await call<Order>(system, 'orders', 'GET', `/orders/${order.orderId}`);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelCode: 'late' });
    expect(cancelled.history.at(-1)!.actor).toEqual({ sub: 'system:orders', role: 'system' });
    await eventually<Page<{ status: string }>>(system, 'fulfillment', reservationsOf, (page) => page.items.every((r) => r.status === 'released'));
    expect(await available()).toBe(whileReserved + 2);
    await waitFor(() => mailTo('late-order-cancelled', 'hugo@example.com'), (mails) => mails.length === 1, { timeoutMs: 30000, what: 'the cancellation email' });
    expect(await mailTo('late-order', 'hugo@example.com')).toHaveLength(1);
  }, 240000);

  it('stops the warehouse for an order a rep holds after its release: the ship is refused until the rep clears the hold', async () => {
    const order = await call<Order>(system, 'orders', 'POST', '/orders', {
      customerId: 'cust-ivy', customerEmail: 'ivy@example.com', channel: 'call-center', currency: 'EUR', lines: [{ productId, quantity: 1 }],
    }, [201], ANN);
    await eventually<Order>(system, 'orders', `/orders/${order.orderId}`, (o) => o.status === 'released');
    const reservationOf = `/reservations?orderId=${order.orderId}`;
    await eventually<Page<{ status: string }>>(system, 'fulfillment', reservationOf, (page) => page.items[0]?.status === 'active');
    const whileReserved = await available();

    // The customer calls to stop it: the rep places a manual hold on the released order.
    const held = await call<Order>(system, 'orders', 'POST', `/orders/${order.orderId}/holds`, { type: 'manual', code: 'customer-called', reason: 'customer asked to stop it' }, [200, 201], ANN);
    const hold = held.holds.find((h) => !h.clearedAt)!;
    await eventually<Page<{ holds: Hold[] }>>(system, 'fulfillment', reservationOf, (page) => page.items[0]?.holds.length === 1);
    const refused = await call(system, 'fulfillment', 'POST', '/shipments', { orderId: order.orderId }, [409], 'ops');
    expect(refused).toMatchObject({ message: `order ${order.orderNumber} is on hold (manual) and cannot be shipped`, holds: [{ holdId: hold.holdId, type: 'manual' }] });
    expect(await available()).toBe(whileReserved); // still reserved: a hold is not a cancellation

    // The rep clears it; once fulfillment has the clearance the warehouse ships, and the order follows.
    await call(system, 'orders', 'POST', `/orders/${order.orderId}/holds/${hold.holdId}/clear`, { reason: 'customer wants it after all' }, [200, 201], ANN);
    await eventually<Page<{ holds: Hold[] }>>(system, 'fulfillment', reservationOf, (page) => page.items[0]?.holds.length === 0);
    await call(system, 'fulfillment', 'POST', '/shipments', { orderId: order.orderId }, [201], 'ops');
    const shipped = await eventually<Order>(system, 'orders', `/orders/${order.orderId}`, (o) => o.status === 'shipped');
    expect(shipped.history.map((h) => h.toStatus)).toEqual(expect.arrayContaining(['on-hold', 'released', 'shipped']));
  }, 240000);
});
