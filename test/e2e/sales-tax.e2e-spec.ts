import type { MailSink } from '@oms/local-infra';
import { waitFor } from '@oms/testing';
import { call, eventually, type Caller } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { stockedProduct } from './support/scenario';

type Totals = { subtotalMinor: number; discountMinor: number; chargesMinor: number; taxMinor: number; totalMinor: number; pricesIncludeTax: boolean; taxStatus: string };
type Order = { orderId: string; orderNumber: string; status: string; totalMinor: number; totals: Totals; lines: Array<{ taxCode: string; taxRatePercent: string | null; taxMinor: number }> };

const SKU = 'E2E-TAX-BEANS';
const TAX_CODE = 'e2e-reduced';
const ANN: Caller = { role: 'csr', sub: 'csr-ann' };
const address = (countryCode: string, city: string) => ({ name: 'Eva Stern', lines: ['Main street 1'], postcode: '1000', city, countryCode });

/**
 * Sales tax as a shop and its customers see it across the services: the product's tax code (catalog) and the rates of
 * the ship-to region (orders) make the quote, the order and the confirmation email show the same subtotal, discounts,
 * charges, tax and total; two countries with different rates give different totals, and a rate that changes on a date
 * taxes the same order at the old rate before the date and at the new one after it, by the business clock.
 */
describe('sales tax across the services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;
  let productId: string;

  beforeAll(async () => {
    run = await startE2e({ mail: 'sales-tax-mail', clock: new Date('2026-06-30T10:00:00Z'), resetAfter: true });
    ({ system, sink } = run);
    productId = await stockedProduct(system, SKU, 50, 2000);
    await call(system, 'catalog', 'PATCH', `/products/${productId}`, { taxCode: TAX_CODE });
    const rate = (body: Record<string, unknown>) => call(system, 'orders', 'POST', '/tax-rates', { taxCode: TAX_CODE, ...body }, [201]);
    // Germany's reduced rate drops from 7% to 5% on 1 July 2026; the Netherlands' is 9%.
    await rate({ countryCode: 'DE', ratePercent: '7', validFrom: '2020-01-01', validTo: '2026-06-30' });
    await rate({ countryCode: 'DE', ratePercent: '5', validFrom: '2026-07-01' });
    await rate({ countryCode: 'NL', ratePercent: '9', validFrom: '2020-01-01' });
    await call(system, 'orders', 'POST', '/source-codes', {
      code: 'TAX10', description: 'Summer catalogue, 10% off', channel: 'call-center', validFrom: '2026-01-01T00:00:00Z', discountPercent: 10,
      charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }],
    });
  }, 300000);

  afterAll(() => run?.stop());

  const phoneOrder = (customerId: string, countryCode: string, city: string) => ({
    customerId, customerEmail: `${customerId}@example.com`, channel: 'call-center', currency: 'EUR', sourceCode: 'TAX10',
    shipTo: address(countryCode, city), lines: [{ productId, quantity: 3 }],
  });
  const quote = (body: ReturnType<typeof phoneOrder>) => call<{ totals: Totals }>(system, 'orders', 'POST', '/orders/quote', body, [200], ANN);
  const place = (body: ReturnType<typeof phoneOrder>) => call<Order>(system, 'orders', 'POST', '/orders', body, [201], ANN);
  const confirmationOf = async (order: Order, to: string) => {
    const mails = await waitFor(() => sink.messages(), (all) => all.some((m) => m.headers['x-oms-template'] === 'order-confirmation' && m.to.includes(to)),
      { timeoutMs: 30000, what: `the confirmation of ${order.orderNumber}` });
    const mail = mails.find((m) => m.headers['x-oms-template'] === 'order-confirmation' && m.to.includes(to))!;
    expect(mail.subject).toBe(`Order ${order.orderNumber} confirmed`);
    return mail.text.split('\n').filter((line) => /^(Subtotal|Discounts|Shipping and handling|Tax|Total):/.test(line));
  };

  // 3 x 20.00 = 60.00 less 10% = 54.00 taxed; shipping 4.95 is not taxed.
  const totalsAt = (taxMinor: number): Totals => ({
    subtotalMinor: 6000, discountMinor: 600, chargesMinor: 495, taxMinor, totalMinor: 5400 + 495 + taxMinor, pricesIncludeTax: false, taxStatus: 'calculated',
  });

  it('taxes Germany at 7% and the Netherlands at 9%: quote, order and confirmation email show the same subtotal, discounts, charges, tax and total', async () => {
    const germany = phoneOrder('cust-eva', 'DE', 'Berlin');
    // The tax code reaches the orders read model over catalog.product.v1.
    await waitFor(() => call(system, 'orders', 'POST', '/orders/quote', germany, [200, 422], ANN), (q) => q?.totals?.taxMinor === 378,
      { timeoutMs: 30000, what: 'the tax code in the orders read model' });
    expect((await quote(germany)).totals).toMatchObject(totalsAt(378));
    const inGermany = await place(germany);
    expect(inGermany).toMatchObject({ status: 'created', totalMinor: 6273, totals: totalsAt(378) });
    expect(inGermany.lines.map((l) => [l.taxCode, l.taxRatePercent, l.taxMinor])).toEqual([[TAX_CODE, '7.0000', 378]]);

    const netherlands = phoneOrder('cust-noor', 'NL', 'Amsterdam');
    expect((await quote(netherlands)).totals).toMatchObject(totalsAt(486));
    const inNetherlands = await place(netherlands);
    expect(inNetherlands).toMatchObject({ totalMinor: 6381, totals: totalsAt(486) });
    expect(inNetherlands.lines[0]).toMatchObject({ taxRatePercent: '9.0000', taxMinor: 486 });

    expect(await confirmationOf(inGermany, 'cust-eva@example.com'))
      .toEqual(['Subtotal: EUR 60.00', 'Discounts: -EUR 6.00', 'Shipping and handling: EUR 4.95', 'Tax: EUR 3.78', 'Total: EUR 62.73']);
    expect(await confirmationOf(inNetherlands, 'cust-noor@example.com'))
      .toEqual(['Subtotal: EUR 60.00', 'Discounts: -EUR 6.00', 'Shipping and handling: EUR 4.95', 'Tax: EUR 4.86', 'Total: EUR 63.81']);
    // Released to the warehouse as any other order: tax changes the money, not the flow.
    await eventually<Order>(system, 'orders', `/orders/${inNetherlands.orderId}`, (o) => o.status === 'released');
  }, 90000);

  it('taxes the same order at the old rate on the last day and at the new rate from the date it changes (business clock)', async () => {
    const body = phoneOrder('cust-emil', 'DE', 'Munich');
    await system.setClock(new Date('2026-06-30T23:30:00Z'));
    const before = await place(body);
    expect(before).toMatchObject({ totalMinor: 6273, totals: totalsAt(378) });
    await system.setClock(new Date('2026-07-01T00:30:00Z'));
    expect((await quote(body)).totals).toMatchObject(totalsAt(270));
    const after = await place(body);
    expect(after).toMatchObject({ totalMinor: 6165, totals: totalsAt(270) });
    expect(after.lines[0]).toMatchObject({ taxRatePercent: '5.0000', taxMinor: 270 });
    // The earlier order keeps the rate of its day.
    expect((await call<Order>(system, 'orders', 'GET', `/orders/${before.orderId}`, undefined, [200], ANN)).totals).toEqual(totalsAt(378));
    const mails = await waitFor(() => sink.messages(), (all) => all.filter((m) => m.to.includes('cust-emil@example.com') && m.headers['x-oms-template'] === 'order-confirmation').length === 2,
      { timeoutMs: 30000, what: 'both confirmations' });
    const totalsLines = mails.filter((m) => m.to.includes('cust-emil@example.com')).map((m) => m.text.split('\n').filter((l) => /^(Tax|Total):/.test(l)).join(', ')).sort();
    expect(totalsLines).toEqual(['Tax: EUR 2.70, Total: EUR 61.65', 'Tax: EUR 3.78, Total: EUR 62.73']);
  }, 90000);
});
