import type { MailSink } from '@oms/local-infra';
import { waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { runCycle, stockedProduct, subscribe } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Order = { orderId: string; status: string; cycleKey?: string; subscriptionId?: string; totalMinor: number };

/**
 * The whole system as separate processes: subscriptions turn into due events,
 * sales orders, reservations and releases, and emails, cycle after cycle,
 * with exact counts; a crash of the orders service loses and doubles nothing;
 * a shortage applies the policy and tells the customer.
 */
describe('main flow across the five services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;
  const mailOf = async (template: string) => (await sink.messages()).filter((m) => m.headers['x-oms-template'] === template);

  beforeAll(async () => {
    run = await startE2e({
      mail: 'e2e-mail', clock: new Date('2026-01-01T00:00:00Z'),
      env: { RETRY_BASE_DELAY_MS: '200', STORE_MANAGER_EMAIL: 'manager@shop.test', REMINDER_DAYS_BEFORE: '3' },
    });
    ({ system, sink } = run);
  }, 240000);

  afterAll(() => run?.stop());

  it('runs three monthly subscriptions through three cycles with exact counts', async () => {
    const coffee = await stockedProduct(system, 'E2E-COFFEE', 100);
    const subscriptions = [await subscribe(system, coffee), await subscribe(system, coffee), await subscribe(system, coffee)];
    for (const day of ['2026-01-20', '2026-02-20', '2026-03-20']) {
      const run = await runCycle(system, new Date(`${day}T00:00:00Z`));
      expect(run).toMatchObject({ status: 'succeeded', counts: { due: 3, emitted: 3, failed: 0 } });
    }
    for (const id of subscriptions) {
      const orders = await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${id}`, (p) => p.total === 3 && p.items.every((o) => o.status === 'released'));
      expect(new Set(orders.items.map((o) => o.cycleKey))).toEqual(new Set([0, 1, 2].map((n) => `sub:${id}:cycle:${n}`)));
      expect(orders.items.every((o) => o.totalMinor === 2 * 1999)).toBe(true);
      const subscription = await eventually<{ currentSubscriptionNumber: number; lastOrderedDate: string | null }>(
        system, 'subscriptions', `/subscriptions/${id}`, (s) => s.currentSubscriptionNumber === 3);
      expect(subscription.lastOrderedDate).not.toBeNull();
    }
    const stock = await call<Page<{ onHand: number; reserved: number; available: number }>>(system, 'fulfillment', 'GET', '/stock?sku=E2E-COFFEE');
    expect(stock.items[0]).toMatchObject({ onHand: 100, reserved: 18, available: 82 });
    const reservations = await call<Page<unknown>>(system, 'fulfillment', 'GET', '/reservations?status=active&limit=100');
    expect(reservations.total).toBe(9);
    const confirmations = await waitFor(() => mailOf('order-confirmation'), (m) => m.length >= 9, { timeoutMs: 30000, what: '9 confirmations' });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would arrive by now
    expect(await mailOf('order-confirmation')).toHaveLength(9);
    expect(new Set(confirmations.flatMap((m) => m.to)).size).toBe(3);
  });

  it('loses and doubles no order when the orders service is killed mid-stream', async () => {
    const tea = await stockedProduct(system, 'E2E-TEA', 1000);
    const ids = await Promise.all(Array.from({ length: 40 }, () => subscribe(system, tea, { startDate: '2026-04-01' })));
    const run = await runCycle(system, new Date('2026-04-02T00:00:00Z'));
    expect(run.counts.emitted).toBe(40);
    // Kill it as soon as the stream has started: the first of the 40 new orders exists.
    await waitFor(async () => (await call<Page<Order>>(system, 'orders', 'GET', '/orders?limit=1')).total, (n) => n > 9, { timeoutMs: 30000, intervalMs: 20, what: 'the first new order' });
    await system.kill('orders');
    await system.startService('orders');
    const counted = async () => {
      const pages = await Promise.all(ids.map((id) => call<Page<Order>>(system, 'orders', 'GET', `/orders?subscriptionId=${id}`)));
      return pages.map((p) => p.total);
    };
    const totals = await waitFor(counted, (t) => t.every((n) => n >= 1), { timeoutMs: 60000, what: 'one order per subscription' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await counted()).toEqual(totals.map(() => 1));
  });

  it('applies the out-of-stock policy and tells the customer and the store manager', async () => {
    const limited = await stockedProduct(system, 'E2E-LIMITED', 2); // enough for one of the two cycles below
    const emails = ['early@example.com', 'late@example.com'];
    const ids = [
      await subscribe(system, limited, { startDate: '2026-05-01', customerEmail: emails[0] }),
      await subscribe(system, limited, { startDate: '2026-05-02', customerEmail: emails[1] }),
    ];
    await runCycle(system, new Date('2026-05-03T00:00:00Z'));
    // Both cycles are due in one run on different partitions: either may win the stock.
    const statusOf = async (id: string) => (await call<Page<Order>>(system, 'orders', 'GET', `/orders?subscriptionId=${id}`)).items[0]?.status;
    const statuses = await waitFor(() => Promise.all(ids.map(statusOf)), (s) => [...s].sort().join() === 'backordered,released', { timeoutMs: 30000, what: 'one released, one backordered' });
    const short = statuses.indexOf('backordered');
    const notices = await waitFor(() => mailOf('out-of-stock'), (m) => m.length >= 2, { what: 'out-of-stock notices' });
    expect(notices.flatMap((m) => m.to).sort()).toEqual([emails[short], 'manager@shop.test'].sort());
    const cycles = await eventually<Page<{ stockOutcome: string | null }>>(system, 'subscriptions', `/subscriptions/${ids[short]}/cycles`, (c) => c.items[0]?.stockOutcome === 'backordered');
    expect(cycles.items[0]!.stockOutcome).toBe('backordered');
    await call(system, 'fulfillment', 'POST', '/warehouses/MAIN/stock/E2E-LIMITED/adjustments', { delta: 5, reason: 'receipt' });
    await waitFor(() => statusOf(ids[short]!), (status) => status === 'released', { timeoutMs: 30000, what: 'the backorder reserved after the receipt' });
  });
});
