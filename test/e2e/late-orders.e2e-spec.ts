import { waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { runCycle, stockedProduct, subscribe } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Order = { orderId: string; status: string; cycleIndex: number | null; promisedShipBy: string; lateNoticedAt: string | null; cancelCode: string | null };
type Message = { template: string; recipient: string; status: string };

/**
 * Late orders across the services: a rep's express phone order and a subscription's cycle order are not shipped in
 * time; the orders watchdog tells each customer once, then cancels both, fulfillment gives the stock back, the
 * subscription's ledger shows the cycle cancelled-late, and notifications sends both emails for each order.
 */
describe('late orders: notice, then automatic cancel', () => {
  let run: E2eRun;
  let system: E2eSystem;

  beforeAll(async () => {
    run = await startE2e({ mail: 'late-orders-mail', clock: new Date('2026-01-01T00:00:00Z') });
    ({ system } = run);
  }, 240000);

  afterAll(() => run?.stop());

  const runWatchdog = (at: string) =>
    system.setClock(new Date(at)).then(() => call<{ noticed: number; cancelled: number }>(system, 'orders', 'POST', '/jobs/late-orders/runs', undefined, [200], 'ops'));
  const templatesOf = (orderId: string, count: number) =>
    eventually<Page<Message>>(system, 'notifications', `/messages?orderId=${orderId}`, (p) => p.items.filter((m) => m.status === 'sent').length >= count)
      .then((p) => p.items.map((m) => m.template).sort());

  it('tells both customers once, cancels both orders as system:orders, releases their stock and records the cycle as cancelled-late', async () => {
    const sku = 'E2E-LATE-BEANS';
    const productId = await stockedProduct(system, sku, 10);
    const subscriptionId = await subscribe(system, productId, { startDate: '2026-01-15', deliveryTime: '09:00' });
    expect((await runCycle(system, new Date('2026-01-15T09:00:00Z'))).counts).toMatchObject({ emitted: 1 });
    const cycle = (await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${subscriptionId}`, (p) => p.items[0]?.status === 'released')).items[0]!;
    const phone = { customerId: 'cust-late-e2e', customerEmail: 'late@example.com', channel: 'call-center', currency: 'EUR', deliveryMode: 'express', lines: [{ productId, quantity: 1 }] };
    const placed = await waitFor(() => call<Order>(system, 'orders', 'POST', '/orders', phone, [201, 422], 'csr'), (o) => 'orderId' in o, { what: 'the phone order accepted' });
    expect(placed.promisedShipBy).toBe('2026-01-16T09:00:00.000Z'); // express: 24 hours
    expect(cycle.promisedShipBy).toBe('2026-01-17T09:00:00.000Z'); // standard: 48 hours
    await eventually<Page<{ reserved: number }>>(system, 'fulfillment', `/stock?sku=${sku}`, (p) => p.items[0]?.reserved === 3);
    // Both orders released: the watchdog skips an order whose row a consumer holds at that moment (recording the
    // reservation or the release), leaving it to the next run, so a run while those events are in flight sees one.
    await eventually<Order>(system, 'orders', `/orders/${placed.orderId}`, (o) => o.status === 'released');

    expect(await runWatchdog('2026-01-17T08:00:00Z')).toMatchObject({ noticed: 0, cancelled: 0 }); // express 23 h late: not yet
    expect(await runWatchdog('2026-01-18T10:00:00Z')).toMatchObject({ noticed: 2, cancelled: 0 });
    expect(await runWatchdog('2026-01-18T11:00:00Z')).toMatchObject({ noticed: 0, cancelled: 0 }); // once
    expect(await templatesOf(placed.orderId, 2)).toEqual(['late-order', 'order-confirmation']);
    expect(await templatesOf(cycle.orderId, 2)).toEqual(['late-order', 'order-confirmation']);
    await eventually<Page<{ lateOutcome: string | null }>>(system, 'subscriptions', `/subscriptions/${subscriptionId}/cycles`, (p) => p.items[0]?.lateOutcome === 'noticed');

    expect(await runWatchdog('2026-01-23T10:00:00Z')).toMatchObject({ noticed: 0, cancelled: 2 });
    for (const { orderId } of [placed, cycle]) {
      const order = await call<Order & { history: Array<{ toStatus: string; actor: { sub: string } }> }>(system, 'orders', 'GET', `/orders/${orderId}`);
      expect(order).toMatchObject({ status: 'cancelled', cancelCode: 'late' });
      expect(order.history.at(-1)).toMatchObject({ toStatus: 'cancelled', actor: { sub: 'system:orders' } });
    }
    const stock = await eventually<Page<{ onHand: number; reserved: number }>>(system, 'fulfillment', `/stock?sku=${sku}`, (p) => p.items[0]?.reserved === 0);
    expect(stock.items[0]).toMatchObject({ onHand: 10, reserved: 0 });
    const cycles = await eventually<Page<{ lateOutcome: string | null; status: string }>>(system, 'subscriptions', `/subscriptions/${subscriptionId}/cycles`, (p) => p.items[0]?.lateOutcome === 'cancelled-late');
    expect(cycles.items[0]).toMatchObject({ status: 'emitted', lateOutcome: 'cancelled-late' });
    expect(await templatesOf(placed.orderId, 3)).toEqual(['late-order', 'late-order-cancelled', 'order-confirmation']);
    expect(await templatesOf(cycle.orderId, 3)).toEqual(['late-order', 'late-order-cancelled', 'order-confirmation']);
    expect((await call<{ status: string }>(system, 'subscriptions', 'GET', `/subscriptions/${subscriptionId}`)).status).toBe('active');
  });
});
