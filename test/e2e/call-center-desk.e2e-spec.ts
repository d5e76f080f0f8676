import { waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { E2eSystem } from './support/e2e-system';
import { stockedProduct } from './support/scenario';
import { resetSystemState } from './support/system-state';

type Page<T> = { items: T[]; total: number };
type Hold = { holdId: string; type: string; clearedAt?: string; clearedBy?: { sub: string; role: string } };
type Order = {
  orderId: string; customerId: string; status: string; totalMinor: number; sourceCode: string | null; agent: string | null;
  holds: Hold[]; priceOverrides: Array<{ kind: string; oldValue: number; newValue: number; reasonCode: string; actor: { role: string } }>;
  lines: Array<{ unitPriceMinor: number; listPriceMinor: number | null }>;
};
type Quote = { totals: { totalMinor: number }; lines: Array<{ unitNetPriceMinor: number; unitCostMinor: number | null; marginAlert: boolean }> };

/**
 * The call-center desk across the services: a rep finds the customer by email, quotes an order with a source code
 * and a price override within the csr limit (one beyond it is refused for the rep and allowed for an admin), places
 * it at the quoted total, a fraud rule holds it, the rep clears the hold, and the order is released to the warehouse.
 */
describe('call-center desk: search, quote with a source code and overrides, place, fraud hold, clear, release', () => {
  let system: E2eSystem;

  beforeAll(async () => {
    const urls = ['catalog', 'subscriptions', 'orders', 'fulfillment', 'notifications'].map((s) => process.env[`${s.toUpperCase()}_DATABASE_URL`]!);
    await resetSystemState(process.env['KAFKA_BROKERS']!.split(','), urls);
    system = new E2eSystem({ BACKORDER_SWEEP_INTERVAL_MS: '0' });
    await system.start();
    await system.setClock(new Date('2026-04-01T09:00:00Z'));
  }, 240000);

  afterAll(async () => {
    await system?.stop();
  });

  it('takes a phone order from quote to the warehouse', async () => {
    const productId = await stockedProduct(system, 'E2E-DESK-COFFEE', 20, 2000);
    await call(system, 'catalog', 'PATCH', `/products/${productId}`, { costPrices: [{ currency: 'EUR', amountMinor: 1200 }] });
    await call(system, 'orders', 'POST', '/source-codes', {
      code: 'E2E-SPRING', description: 'Spring mailing', channel: 'call-center', validFrom: '2026-03-01T00:00:00Z', discountPercent: 10,
      charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }],
    }, [201]);
    await call(system, 'orders', 'PUT', '/settings/fraud-rules', { threshold: 30, orderTotalAbove: { score: 30, limits: [{ currency: 'EUR', amountMinor: 5000 }] } });

    // An earlier web order of the customer, found by the rep through the email the customer gives on the phone
    await waitFor(() => call(system, 'orders', 'POST', '/orders', {
      customerId: 'cust-desk-1', customerEmail: 'fenna@example.com', customerName: 'Fenna Smit', channel: 'web', currency: 'EUR', lines: [{ productId, quantity: 1 }],
    }, [201, 422], 'channel'), (body: { orderId?: string }) => body.orderId !== undefined, { timeoutMs: 30000, intervalMs: 300, what: 'the product in the orders read model' });
    const found = await call<Page<Order>>(system, 'orders', 'GET', '/orders?search=FENNA@EXAMPLE', undefined, [200], 'csr');
    const customerId = found.items[0]!.customerId;
    expect(customerId).toBe('cust-desk-1');

    const order = (unitPriceMinor: number) => ({
      customerId, customerEmail: 'fenna@example.com', channel: 'call-center', currency: 'EUR', sourceCode: 'E2E-SPRING',
      lines: [{ productId, quantity: 5, priceOverride: { unitPriceMinor, reasonCode: 'PRICE-MATCH' } }],
    });
    // The cost price reaches the orders read model through the catalog topic.
    const quote = await waitFor(() => call<Quote>(system, 'orders', 'POST', '/orders/quote', order(1800), [200], 'csr'), (q) => q.lines[0]!.unitCostMinor === 1200, {
      timeoutMs: 30000, intervalMs: 300, what: 'the cost price in the quote',
    });
    expect(quote).toMatchObject({ totals: { totalMinor: 1620 * 5 + 495 }, lines: [{ unitNetPriceMinor: 1620, marginAlert: false }] });
    await call(system, 'orders', 'POST', '/orders/quote', order(1500), [403], 'csr'); // 22.5% of list beyond the code: csr may give 15%
    await call(system, 'orders', 'POST', '/orders/quote', order(1500), [200], 'admin');

    const placed = await call<Order>(system, 'orders', 'POST', '/orders', order(1800), [201], 'csr');
    expect(placed).toMatchObject({ totalMinor: quote.totals.totalMinor, sourceCode: 'E2E-SPRING', status: 'on-hold', lines: [{ unitPriceMinor: 1620, listPriceMinor: 2000 }] });
    expect(placed.agent).not.toBeNull();
    expect(placed.priceOverrides).toEqual([expect.objectContaining({ kind: 'unit-price', oldValue: 2000, newValue: 1800, reasonCode: 'PRICE-MATCH', actor: expect.objectContaining({ role: 'csr' }) })]);
    const fraud = placed.holds.find((h) => h.type === 'fraud' && !h.clearedAt)!;
    expect(fraud).toBeDefined();

    await call(system, 'orders', 'POST', `/orders/${placed.orderId}/holds/${fraud.holdId}/clear`, { reason: 'called the customer back' }, [200], 'csr');
    const released = await eventually<Order>(system, 'orders', `/orders/${placed.orderId}`, (o) => o.status === 'released');
    expect(released.holds.find((h) => h.holdId === fraud.holdId)).toMatchObject({ clearedBy: { role: 'csr' } });
    const stock = await eventually<Page<{ reserved: number }>>(system, 'fulfillment', '/stock?sku=E2E-DESK-COFFEE', (p) => p.items[0]?.reserved === 6);
    expect(stock.items[0]).toMatchObject({ reserved: 6 }); // 1 for the web order, 5 for the phone order
  });
});
