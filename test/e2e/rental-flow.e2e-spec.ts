import type { MailSink } from '@oms/local-infra';
import { authAs, waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { MONTHLY, runCycle, subscribe } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Order = { orderId: string; status: string; cycleIndex: number; lines: Array<{ sku: string; kind: string }> };
type Delivery = { shipmentId: string; status: string; lines: Array<{ sku: string }> };

const CUSTOMER = 'cust-rental-e2e';
const CUSTOMER_EMAIL = 'renter@example.com';
const STORE_MANAGER = 'store-manager@rental.test';

/**
 * A ShareFox rental across the five services, by the business clock: one rental
 * order holding one unit, monthly fee orders without shipments, the day-N
 * check-in, a swap that frees the first unit only at Closed, and an end request
 * that leaves the order open until the return is Closed and a store manager
 * closes it; exact unit and email counts at each step.
 */
describe('rental flow across the five services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;

  beforeAll(async () => {
    run = await startE2e({
      mail: 'e2e-rental-mail', clock: new Date('2026-06-01T00:00:00Z'),
      env: { RETRY_BASE_DELAY_MS: '200', STORE_MANAGER_EMAIL: STORE_MANAGER, REMINDER_DAYS_BEFORE: '3' },
    });
    ({ system, sink } = run);
  }, 240000);

  afterAll(() => run?.stop());

  /** Mail received so far, as `template -> count` per recipient. */
  const mailCounts = async (): Promise<Record<string, Record<string, number>>> => {
    const counts: Record<string, Record<string, number>> = {};
    for (const mail of await sink.messages()) {
      for (const to of mail.to) {
        const template = mail.headers['x-oms-template'] as string;
        counts[to] = { ...counts[to], [template]: (counts[to]?.[template] ?? 0) + 1 };
      }
    }
    return counts;
  };
  /** Waits until the mail counts are exactly `expected`, then a moment more: a double would show up by then. */
  const expectMail = async (expected: Record<string, Record<string, number>>) => {
    const same = (counts: Record<string, Record<string, number>>) => canonical(counts) === canonical(expected);
    await waitFor(mailCounts, same, { timeoutMs: 30000, what: `emails ${canonical(expected)}` }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCounts()).toEqual(expected);
  };
  const available = async (sku: string) => (await call<{ states: Record<string, number> }>(system, 'fulfillment', 'GET', `/rental-units/summary?sku=${sku}`)).states['available'];
  const move = (shipmentId: string, status: string, expected = [200]) => call(system, 'fulfillment', 'PATCH', `/shipments/${shipmentId}`, { status }, expected, 'ops');
  const asCustomer = async (path: string, body?: unknown) => fetch(`${system.url('subscriptions')}${path}`, {
    method: 'POST', headers: { ...authAs('customer', CUSTOMER), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });

  it('rents, bills monthly, checks in on day N, swaps and ends with exact units and emails', async () => {
    const rentalProduct = async (sku: string, amountMinor: number) => (await call(system, 'catalog', 'POST', '/products', {
      sku, name: `Rental ${sku}`, type: 'rental', subscribable: true, allowedFrequencies: [MONTHLY], prices: [{ currency: 'EUR', amountMinor }],
    })).productId as string;
    const [bike, cargo] = [await rentalProduct('E2E-BIKE', 4900), await rentalProduct('E2E-CARGO', 5900)];
    await call(system, 'fulfillment', 'POST', '/warehouses', { code: 'MAIN', name: 'Main warehouse' });
    for (const [sku, serial] of [['E2E-BIKE', 'BIKE-1'], ['E2E-BIKE', 'BIKE-2'], ['E2E-CARGO', 'CARGO-1']]) {
      await call(system, 'fulfillment', 'POST', '/rental-units', { serial, sku, warehouse: 'MAIN' }, [201], 'ops');
    }
    expect([await available('E2E-BIKE'), await available('E2E-CARGO')]).toEqual([2, 1]);

    // One rental order holding one unit; the customer's confirmation and the store manager's notice.
    const id = await subscribe(system, bike, { customerId: CUSTOMER, customerEmail: CUSTOMER_EMAIL, startDate: '2026-06-01', lines: [{ productId: bike, quantity: 1 }] });
    // One cycle per run, each run once the last cycle's order is recorded on the subscription: recording it locks the
    // subscription's row, which a run passes over (SKIP LOCKED, so replicas share work) until the next run.
    const cycle = async (now: Date, ordered: number) => {
      expect(await runCycle(system, now)).toMatchObject({ status: 'succeeded', counts: { emitted: 1 } });
      await eventually<{ currentSubscriptionNumber: number }>(system, 'subscriptions', `/subscriptions/${id}`, (s) => s.currentSubscriptionNumber === ordered);
    };
    await cycle(new Date('2026-06-01T10:00:00Z'), 1);
    const [first] = (await eventually<Page<Delivery>>(system, 'fulfillment', `/shipments?subscriptionId=${id}`, (p) => p.total === 1)).items;
    const orders = await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${id}`, (p) => p.total === 1);
    const rentalOrder = orders.items[0]!;
    expect(rentalOrder).toMatchObject({ cycleIndex: 0, lines: [{ sku: 'E2E-BIKE', kind: 'rental' }] });
    const holds = await eventually<Page<{ sku: string }>>(system, 'fulfillment', `/rental-holds?subscriptionId=${id}&status=active`, (p) => p.total === 1);
    expect(holds.items).toMatchObject([{ sku: 'E2E-BIKE' }]);
    expect(await available('E2E-BIKE')).toBe(1);
    await expectMail({ [CUSTOMER_EMAIL]: { 'order-confirmation': 1 }, [STORE_MANAGER]: { 'rental-order-notice': 1 } });
    for (const status of ['in-transport-out', 'with-customer', 'with-customer']) await move(first!.shipmentId, status); // a repeat changes nothing
    await move(first!.shipmentId, 'closed', [409]); // illegal from with-customer
    const history = (await call<Page<{ to: string }>>(system, 'fulfillment', 'GET', `/shipments/${first!.shipmentId}/history`)).items.map((h) => h.to);
    expect(history.filter((to) => to === 'in-transport-out' || to === 'with-customer').sort()).toEqual(['in-transport-out', 'with-customer']);

    // Day N (10): the check-in, exactly once, not a minute early.
    await system.setClock(new Date('2026-06-10T23:59:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 800)); // several dispatch rounds
    expect(await mailCounts()).toEqual({ [CUSTOMER_EMAIL]: { 'order-confirmation': 1 }, [STORE_MANAGER]: { 'rental-order-notice': 1 } });
    await system.setClock(new Date('2026-06-11T00:00:00Z'));
    await expectMail({ [CUSTOMER_EMAIL]: { 'order-confirmation': 1, 'rental-check-in': 1 }, [STORE_MANAGER]: { 'rental-order-notice': 1 } });

    // Three cycles: three fee orders, no new shipment or hold (their confirmations are the customer's monthly bill).
    for (const [n, day] of ['2026-07-01', '2026-08-01', '2026-09-01'].entries()) await cycle(new Date(`${day}T10:00:00Z`), n + 2);
    const billed = await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${id}`, (p) => p.total === 4);
    expect(billed.items.filter((o) => o.cycleIndex > 0).map((o) => o.lines.map((l) => l.kind))).toEqual([['rental-fee'], ['rental-fee'], ['rental-fee']]);
    expect((await call<Page<Delivery>>(system, 'fulfillment', 'GET', `/shipments?subscriptionId=${id}`)).total).toBe(1);
    expect((await call<Page<unknown>>(system, 'fulfillment', 'GET', `/rental-holds?subscriptionId=${id}&status=active`)).total).toBe(1);
    expect(await available('E2E-BIKE')).toBe(1);
    await expectMail({ [CUSTOMER_EMAIL]: { 'order-confirmation': 4, 'rental-check-in': 1 }, [STORE_MANAGER]: { 'rental-order-notice': 1 } });

    // The customer swaps to the cargo bike: Swap In Ready, Swap Out Request with the cargo unit reserved.
    const lineId = (await call<{ lines: Array<{ lineId: string }> }>(system, 'subscriptions', 'GET', `/subscriptions/${id}`)).lines[0]!.lineId;
    const swap = await waitFor(() => asCustomer(`/subscriptions/${id}/swap-requests`, { lineId, productId: cargo }), (r) => r.status !== 409, { what: 'cargo availability known' });
    expect(swap.status).toBe(201);
    const deliveries = await eventually<Page<Delivery>>(system, 'fulfillment', `/shipments?subscriptionId=${id}`, (p) => p.total === 2);
    const bySku = Object.fromEntries(deliveries.items.map((d) => [d.lines[0]!.sku, d]));
    expect({ bike: bySku['E2E-BIKE']!.status, cargo: bySku['E2E-CARGO']!.status }).toEqual({ bike: 'swap-in-ready', cargo: 'swap-out-request' });
    expect([await available('E2E-BIKE'), await available('E2E-CARGO')]).toEqual([1, 0]);
    for (const status of ['swap-in-returned', 'checked']) {
      await move(first!.shipmentId, status);
      expect(await available('E2E-BIKE')).toBe(1); // not at the return, not at the check
    }
    await move(first!.shipmentId, 'closed');
    expect(await available('E2E-BIKE')).toBe(2);
    const second = bySku['E2E-CARGO']!.shipmentId;
    for (const status of ['swap-out-ready', 'swap-out-sent', 'with-customer']) await move(second, status);
    await expectMail({
      [CUSTOMER_EMAIL]: { 'order-confirmation': 4, 'rental-check-in': 1, 'rental-swap-request': 1 },
      [STORE_MANAGER]: { 'rental-order-notice': 1, 'rental-swap-request': 1 },
    });

    // The customer asks to end: the order stays open until the return is Closed; then a store manager closes it.
    expect((await asCustomer(`/subscriptions/${id}/end-request`)).status).toBe(200);
    await eventually<Delivery>(system, 'fulfillment', `/shipments/${second}`, (d) => d.status === 'subscription-end-request');
    const close = async () => (await fetch(`${system.url('orders')}/orders/${rentalOrder.orderId}/close`, { method: 'POST', headers: authAs('ops') })).status;
    for (const status of ['in-transport-return', 'returned', 'checked']) {
      await move(second, status);
      expect(await available('E2E-CARGO')).toBe(0);
    }
    expect(await close()).toBe(409); // the unit is back and checked, but its delivery is not Closed
    await move(second, 'closed');
    expect([await available('E2E-BIKE'), await available('E2E-CARGO')]).toEqual([2, 1]);
    // The order learns of the Closed return over Kafka; until then closing is still refused.
    expect(await waitFor(close, (code) => code === 200, { timeoutMs: 30000, what: 'the rental order closed' })).toBe(200);
    expect((await call<Order>(system, 'orders', 'GET', `/orders/${rentalOrder.orderId}`)).status).toBe('closed');
    await eventually<{ status: string }>(system, 'subscriptions', `/subscriptions/${id}`, (sub) => sub.status === 'ended');
    await expectMail({
      [CUSTOMER_EMAIL]: { 'order-confirmation': 4, 'rental-check-in': 1, 'rental-swap-request': 1, 'rental-end-request': 1 },
      [STORE_MANAGER]: { 'rental-order-notice': 1, 'rental-swap-request': 1, 'rental-end-request': 1 },
    });
  });
});

/** Nested counts as text with sorted keys, so two equal countings compare equal. */
function canonical(counts: Record<string, Record<string, number>>): string {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(sorted(Object.fromEntries(Object.entries(counts).map(([to, byTemplate]) => [to, sorted(byTemplate)]))));
}
