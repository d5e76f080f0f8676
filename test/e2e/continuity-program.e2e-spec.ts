import { randomUUID } from 'node:crypto';
import { waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { MONTHLY, runCycle, stockedProduct } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Order = { orderId: string; status: string; cycleIndex: number; totalMinor: number; lines: Array<{ sku: string; quantity: number; unitPriceMinor: number }> };

/**
 * A continuity program across the services: an admin defines three steps (an introductory first shipment, then two
 * other items at the regular price), a service rep enrols a customer, and each month's order carries the next step's
 * item at the step's price, is released to the warehouse and ships; after the third the subscription ends.
 */
describe('continuity program: three steps ship three different items in order', () => {
  let run: E2eRun;
  let system: E2eSystem;

  beforeAll(async () => {
    run = await startE2e({ mail: 'continuity-mail', clock: new Date('2026-01-01T00:00:00Z') });
    ({ system } = run);
  }, 240000);

  afterAll(() => run?.stop());

  it('ships step 1, 2 and 3 in that order at their prices, then ends', async () => {
    const skus = ['E2E-ORIGIN-KENYA', 'E2E-ORIGIN-PERU', 'E2E-ORIGIN-JAVA'];
    const products = [];
    for (const sku of skus) products.push(await stockedProduct(system, sku, 10, 1999));
    const prices = [499, 1599, 1699];
    const definition = {
      name: 'Three origins', currency: 'EUR', frequency: MONTHLY, afterLast: 'end',
      steps: products.map((productId, i) => ({ lines: [{ productId, quantity: 1, unitPriceMinor: prices[i] }] })),
    };
    // The catalog's events reach the subscriptions read model within moments; until then the program is refused (422).
    const program = await waitFor(
      () => call<{ programId: string }>(system, 'subscriptions', 'POST', '/continuity-programs', definition, [201, 422]),
      (body) => 'programId' in body, { timeoutMs: 30000, intervalMs: 300, what: 'the program accepted' },
    );
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    const enrolment = { customerId, customerEmail: `${customerId}@example.com`, startDate: '2026-01-15', timeZone: 'UTC' };
    const { subscriptionId } = await call<{ subscriptionId: string }>(system, 'subscriptions', 'POST', `/continuity-programs/${program.programId}/enrolments`, enrolment, [201], 'csr');
    const schedule = await call<{ cycles: Array<{ step: number }> }>(system, 'subscriptions', 'GET', `/subscriptions/${subscriptionId}/schedule?next=5`);
    expect(schedule.cycles.map((c) => c.step)).toEqual([1, 2, 3]);

    const shipped: Array<[string, number]> = [];
    for (const [k, day] of ['2026-01-20', '2026-02-20', '2026-03-20'].entries()) {
      const run = await runCycle(system, new Date(`${day}T00:00:00Z`));
      expect(run).toMatchObject({ status: 'succeeded', counts: { emitted: 1, failed: 0 } });
      const orders = await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${subscriptionId}`, (p) => p.items.some((o) => o.cycleIndex === k && o.status === 'released'));
      const order = orders.items.find((o) => o.cycleIndex === k)!;
      await call(system, 'fulfillment', 'POST', '/shipments', { orderId: order.orderId }, [201], 'ops');
      shipped.push([order.lines[0]!.sku, order.lines[0]!.unitPriceMinor]);
      expect(order.totalMinor).toBe(prices[k]);
    }
    expect(shipped).toEqual([[skus[0], 499], [skus[1], 1599], [skus[2], 1699]]);

    const ended = await eventually<{ status: string; continuity: { stepsOrdered: number; nextStep: number | null } }>(
      system, 'subscriptions', `/subscriptions/${subscriptionId}`, (s) => s.status === 'ended');
    expect(ended.continuity).toMatchObject({ stepsOrdered: 3, nextStep: null });
    const after = await runCycle(system, new Date('2026-04-20T00:00:00Z'));
    expect(after.counts.emitted).toBe(0);
    expect((await call<Page<Order>>(system, 'orders', 'GET', `/orders?subscriptionId=${subscriptionId}`)).total).toBe(3);
    for (const sku of skus) {
      const stock = await eventually<Page<{ onHand: number; reserved: number }>>(system, 'fulfillment', `/stock?sku=${sku}`, (p) => p.items[0]?.onHand === 9);
      expect(stock.items[0]).toMatchObject({ onHand: 9, reserved: 0 });
    }
  });
});
