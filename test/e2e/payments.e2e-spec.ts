import { EventTypes, Topics, type EventEnvelope, type PaymentEventV1 } from '@oms/contracts';
import { waitFor, type EventCollector } from '@oms/testing';
import { call, eventually, type Caller } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { stockedProduct } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Totals = { subtotalMinor: number; discountMinor: number; chargesMinor: number; taxMinor: number; totalMinor: number };
type Order = { orderId: string; status: string; holdReason: string | null; totalMinor: number; totals: Totals };
type Payments = {
  paymentMode: string; totalMinor: number; authorizedMinor: number; capturedMinor: number; refundedMinor: number; balanceMinor: number;
  payments: Array<{ type: string; status: string; amountMinor: number; attempt: number; failureCode: string | null; reason: string | null; actor: { sub: string; role: string } }>;
};
type Reservations = Page<{ status: string }>;

const SKU = 'E2E-PAY-GRINDER';
const ANN: Caller = { role: 'csr', sub: 'csr-ann' };
const BERLIN = { name: 'Paul Weber', lines: ['Unter den Linden 1'], postcode: '10117', city: 'Berlin', countryCode: 'DE' };

/**
 * Money across the five services, as a rep, a shop and the customer rely on it: a phone order whose card is declined
 * waits on a payment hold and never reaches the warehouse until a new card authorizes it; shipped, it is captured for
 * its whole total (tax and shipping included); refunds after capture follow the csr limit; a cancelled order is voided.
 */
describe('payments across the services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let events: EventCollector;
  let productId: string;
  const paymentsOf = (orderId: string, caller: Caller = ANN) => call<Payments>(system, 'orders', 'GET', `/orders/${orderId}/payments`, undefined, [200], caller);
  const reservationsOf = (orderId: string) => call<Reservations>(system, 'fulfillment', 'GET', `/reservations?orderId=${orderId}`);
  const addCard = (customerId: string, providerToken: string, last4: string) =>
    call<{ retriedOrders: Array<{ orderId: string; result: string }> }>(system, 'orders', 'POST', `/customers/${customerId}/payment-methods`,
      { providerToken, brand: 'visa', last4, expiryMonth: 12, expiryYear: 2030 }, [201], ANN);
  const paymentEvents = (orderId: string, count: number) =>
    events.waitFor((e: EventEnvelope) => e.subject === orderId && e.type.startsWith('orders.payment.'), count);

  beforeAll(async () => {
    // Payment settings and stored cards are per database: the suites after this one start from the defaults.
    run = await startE2e({ topics: [Topics.payment], clock: new Date('2026-04-01T09:00:00Z'), resetAfter: true });
    ({ system, events } = run);
    productId = await stockedProduct(system, SKU, 20, 4000);
    // Tax and a shipping charge, so "captured = the whole total" means something beyond the lines.
    await call(system, 'catalog', 'PATCH', `/products/${productId}`, { taxCode: 'e2e-pay-goods' });
    await call(system, 'orders', 'POST', '/tax-rates', { taxCode: 'e2e-pay-goods', countryCode: 'DE', ratePercent: '19', validFrom: '2020-01-01' }, [201]);
    await call(system, 'orders', 'POST', '/source-codes', {
      code: 'PAYSHIP', description: 'Phone orders, shipping charged', channel: 'call-center', validFrom: '2026-01-01T00:00:00Z',
      charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }],
    });
    await call(system, 'orders', 'PUT', '/settings/payments', { csrRefundLimitMinor: 1000 });
  }, 300000);

  afterAll(() => run?.stop());

  const phoneOrder = (customerId: string) => ({
    customerId, customerEmail: `${customerId}@example.com`, customerName: 'Paul Weber', channel: 'call-center', currency: 'EUR',
    sourceCode: 'PAYSHIP', shipTo: BERLIN, lines: [{ productId, quantity: 2 }],
  });

  it('holds a declined phone order for payment, away from the warehouse, until a new card authorizes it; shipped, it is captured in full; refunds follow the csr limit', async () => {
    // The tax code reaches the orders read model over catalog.product.v1: until then the line carries no rate.
    await waitFor(() => call(system, 'orders', 'POST', '/orders/quote', phoneOrder('cust-paul'), [200, 422], ANN),
      (quote) => quote?.totals?.taxMinor === 1520, { timeoutMs: 30000, what: 'the tax code in the orders read model' });
    await addCard('cust-paul', 'tok_decline_insufficient_funds', '0002');
    const held = await call<Order>(system, 'orders', 'POST', '/orders', phoneOrder('cust-paul'), [201], ANN);
    // 2 x 40.00 = 80.00, 19% tax 15.20, shipping 4.95: 100.15 authorized (and declined) as a whole.
    expect(held.totals).toMatchObject({ subtotalMinor: 8000, chargesMinor: 495, taxMinor: 1520, totalMinor: 10015 });
    expect(held).toMatchObject({ status: 'on-hold', holdReason: 'payment: insufficient funds (insufficient-funds)' });
    const [declined] = await paymentEvents(held.orderId, 1);
    expect(declined).toMatchObject({ type: EventTypes.paymentAuthorizationFailed, data: { amountMinor: 10015, failureCode: 'insufficient-funds' } });

    // Another customer's order on account goes to the warehouse meanwhile; the held one does not.
    const other = await call<Order>(system, 'orders', 'POST', '/orders', { ...phoneOrder('cust-olga'), sourceCode: undefined }, [201], ANN);
    await waitFor(() => reservationsOf(other.orderId), (page) => page.items.length === 1, { timeoutMs: 30000, what: 'the on-account order reserved' });
    expect((await reservationsOf(held.orderId)).items).toEqual([]);
    expect((await call<Order>(system, 'orders', 'GET', `/orders/${held.orderId}`, undefined, [200], ANN)).status).toBe('on-hold');

    // The customer gives a new card on the phone: the held order is authorized at once, released and reserved.
    expect((await addCard('cust-paul', 'tok_approve', '0001')).retriedOrders).toEqual([{ orderId: held.orderId, result: 'authorized' }]);
    await eventually<Order>(system, 'orders', `/orders/${held.orderId}`, (o) => o.status === 'released');
    await waitFor(() => reservationsOf(held.orderId), (page) => page.items.map((r) => r.status).join() === 'active', { timeoutMs: 30000, what: 'the released order reserved' });
    expect(await paymentsOf(held.orderId)).toMatchObject({ paymentMode: 'card', authorizedMinor: 10015, capturedMinor: 0, balanceMinor: 10015 });

    // Fulfillment ships it: the authorization is captured for the whole total, nothing is left to pay.
    await call(system, 'fulfillment', 'POST', '/shipments', { orderId: held.orderId }, [201]);
    await eventually<Order>(system, 'orders', `/orders/${held.orderId}`, (o) => o.status === 'shipped');
    const captured = await waitFor(() => paymentsOf(held.orderId), (p) => p.capturedMinor > 0, { timeoutMs: 30000, what: 'the capture' });
    expect(captured).toMatchObject({ totalMinor: 10015, authorizedMinor: 0, capturedMinor: 10015, refundedMinor: 0, balanceMinor: 0 });
    expect(captured.payments.map((p) => [p.type, p.status, p.attempt])).toEqual([['authorization', 'failed', 1], ['authorization', 'succeeded', 2], ['capture', 'succeeded', 1]]);

    // Refunds after capture: a csr within the limit (10.00), not above it; an admin above it.
    await call(system, 'orders', 'POST', `/orders/${held.orderId}/refunds`, { amountMinor: 500, reason: 'one filter missing' }, [201], ANN);
    const refused = await call<{ message: string }>(system, 'orders', 'POST', `/orders/${held.orderId}/refunds`, { amountMinor: 1500, reason: 'scratched' }, [403], ANN);
    expect(refused.message).toContain('at most 1000');
    const refunded = await call<Payments>(system, 'orders', 'POST', `/orders/${held.orderId}/refunds`, { amountMinor: 1500, reason: 'scratched' }, [201], { role: 'admin', sub: 'admin-bea' });
    expect(refunded).toMatchObject({ capturedMinor: 10015, refundedMinor: 2000, balanceMinor: 2000 });
    expect(refunded.payments.filter((p) => p.type === 'refund').map((p) => [p.amountMinor, p.reason, p.actor.sub]))
      .toEqual([[500, 'one filter missing', 'csr-ann'], [1500, 'scratched', 'admin-bea']]);
    // The customer sees the same record of their own order.
    expect(await paymentsOf(held.orderId, { role: 'customer', sub: 'cust-paul' })).toMatchObject({ refundedMinor: 2000, balanceMinor: 2000 });
    const published = await paymentEvents(held.orderId, 5);
    expect(published.map((e) => e.type)).toEqual([
      EventTypes.paymentAuthorizationFailed, EventTypes.paymentAuthorized, EventTypes.paymentCaptured, EventTypes.paymentRefunded, EventTypes.paymentRefunded,
    ]);
    expect(published[4]).toMatchObject({ actorsub: 'admin-bea', data: { amountMinor: 1500, balance: { capturedMinor: 10015, refundedMinor: 2000, balanceMinor: 2000 } } });
  }, 120000);

  it('voids the authorization of an order cancelled before shipment; its stock is released and nothing is left authorized', async () => {
    await addCard('cust-vera', 'tok_approve', '0003');
    const order = await call<Order>(system, 'orders', 'POST', '/orders', phoneOrder('cust-vera'), [201], ANN);
    expect(order.status).toBe('created');
    await eventually<Order>(system, 'orders', `/orders/${order.orderId}`, (o) => o.status === 'released');
    await waitFor(() => reservationsOf(order.orderId), (page) => page.items.length === 1, { timeoutMs: 30000, what: 'the order reserved' });
    expect(await paymentsOf(order.orderId)).toMatchObject({ authorizedMinor: 10015, capturedMinor: 0 });

    await call(system, 'orders', 'POST', `/orders/${order.orderId}/cancel`, { reason: 'found it cheaper' }, [200], { role: 'customer', sub: 'cust-vera' });
    const voided = await paymentsOf(order.orderId);
    expect(voided).toMatchObject({ authorizedMinor: 0, capturedMinor: 0, refundedMinor: 0 });
    expect(voided.payments.map((p) => [p.type, p.status, p.amountMinor])).toEqual([['authorization', 'succeeded', 10015], ['void', 'succeeded', 10015]]);
    const [, voidEvent] = await paymentEvents(order.orderId, 2);
    expect(voidEvent).toMatchObject({ type: EventTypes.paymentVoided, actorsub: 'cust-vera', data: { reason: 'found it cheaper' } });
    expect((voidEvent!.data as PaymentEventV1).balance.authorizedMinor).toBe(0);
    await waitFor(() => reservationsOf(order.orderId), (page) => page.items.every((r) => r.status === 'released'), { timeoutMs: 30000, what: 'the reservation released' });
    // Nothing was captured, so nothing can be refunded.
    await call(system, 'orders', 'POST', `/orders/${order.orderId}/refunds`, { amountMinor: 100, reason: 'x' }, [409], ANN);
  }, 60000);
});
