import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderLifecycleV1, type ProductChangedV1, type ShipToV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents, waitFor } from '@oms/testing';
import { catalogProduct, http, orderDue, startOrders, waitForCycleOrder } from './support/orders-test-kit';

const address = (countryCode: string, region?: string): ShipToV1 =>
  ({ name: 'Ann', lines: ['Main street 1'], postcode: '1000', city: 'Town', countryCode, ...(region && { region }) });

describe('orders: sales tax at placement', () => {
  const clock = new ControllableClock(new Date('2026-06-30T12:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let beans: ProductChangedV1;
  let book: ProductChangedV1;
  // Codes of this run only, so no other suite's products are taxed by these rates.
  const goods = `g-${randomUUID().slice(0, 8)}`;
  const books = `b-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    beans = await catalogProduct(app, { taxCode: goods, prices: [{ currency: 'EUR', amountMinor: 1000 }, { currency: 'USD', amountMinor: 2000 }] });
    book = await catalogProduct(app, { taxCode: books, prices: [{ currency: 'EUR', amountMinor: 1550 }, { currency: 'USD', amountMinor: 1550 }] });
    const rate = (body: Record<string, unknown>) => http(app).post('/tax-rates').send(body).expect(201);
    const old = await rate({ taxCode: goods, countryCode: 'DE', ratePercent: '19', validFrom: '2020-01-01', validTo: '2026-06-30' });
    expect(old.body.validTo).toBe('2026-06-30');
    await rate({ taxCode: goods, countryCode: 'DE', ratePercent: '16', validFrom: '2026-07-01' });
    await rate({ taxCode: books, countryCode: 'DE', ratePercent: '7', validFrom: '2020-01-01' });
    await rate({ taxCode: goods, countryCode: 'US', regionCode: 'NY', ratePercent: '8.875', validFrom: '2020-01-01' });
    await rate({ taxCode: goods, countryCode: 'US', ratePercent: '5', validFrom: '2020-01-01' });
    await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: [] }).expect(200);
  });
  afterAll(async () => {
    await http(app)?.put('/settings/tax').send({ taxInclusiveCurrencies: [] });
    await app?.close();
    await events?.stop();
  });

  const order = (currency: string, shipTo: ShipToV1 | undefined, lines = [{ productId: beans.productId, quantity: 3 }, { productId: book.productId, quantity: 1 }]) =>
    ({ customerId: 'cust-tax', customerEmail: 'ann@example.com', channel: 'web', currency, lines, ...(shipTo && { shipTo }) });

  const place = async (body: ReturnType<typeof order>) => (await http(app).post('/orders').send(body).expect(201)).body;
  const createdEvent = async (orderId: string) => (await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.orderCreated))[0]!.data as OrderLifecycleV1;

  it('taxes each line by its tax code in the ship-to region, shows the totals on the order and its event, equal to the quote', async () => {
    const body = order('EUR', address('DE'));
    const quote = (await http(app).post('/orders/quote').send(body).expect(200)).body;
    const placed = await place(body);
    // 3 x 10.00 at 19% = 5.70; 15.50 at 7% = 1.085 -> 1.09 (half up, per line)
    expect(placed.lines.map((l: { taxCode: string; taxRatePercent: string; taxMinor: number }) => [l.taxCode, l.taxRatePercent, l.taxMinor]))
      .toEqual([[goods, '19.0000', 570], [books, '7.0000', 109]]);
    expect(placed.totals).toEqual({ subtotalMinor: 4550, discountMinor: 0, chargesMinor: 0, taxMinor: 679, totalMinor: 5229, pricesIncludeTax: false, taxStatus: 'calculated' });
    expect(placed.totalMinor).toBe(5229);
    expect(quote.totals).toMatchObject(placed.totals);
    expect(quote.lines.map((l: { taxMinor: number }) => l.taxMinor)).toEqual([570, 109]);
    const event = await createdEvent(placed.orderId);
    expect(event.totals).toEqual(placed.totals);
    expect(event.lines.map((l) => [l.taxRatePercent, l.taxMinor])).toEqual([['19.0000', 570], ['7.0000', 109]]);
  });

  it('uses the state rate for New York and the country rate elsewhere in the US; a code without a rate there is untaxed and says so', async () => {
    const ny = await place(order('USD', address('US', 'ny'), [{ productId: beans.productId, quantity: 1 }]));
    expect(ny.totals).toMatchObject({ subtotalMinor: 2000, taxMinor: 178, totalMinor: 2178, taxStatus: 'calculated' }); // 177.5 -> 178
    const tx = await place(order('USD', address('US', 'TX')));
    expect(tx.lines.map((l: { taxRatePercent: string | null; taxMinor: number }) => [l.taxRatePercent, l.taxMinor])).toEqual([['5.0000', 300], [null, 0]]);
    expect(tx.totals).toMatchObject({ subtotalMinor: 7550, taxMinor: 300, totalMinor: 7850, taxStatus: 'no-rate' });
  });

  it('applies the rate valid on the day the order is created: 19% up to June 30, 16% from July 1', async () => {
    clock.set(new Date('2026-06-30T23:59:00Z'));
    const june = await place(order('EUR', address('DE'), [{ productId: beans.productId, quantity: 1 }]));
    clock.set(new Date('2026-07-01T00:01:00Z'));
    const july = await place(order('EUR', address('DE'), [{ productId: beans.productId, quantity: 1 }]));
    expect([june.totals.taxMinor, july.totals.taxMinor]).toEqual([190, 160]);
    expect([june.totalMinor, july.totalMinor]).toEqual([1190, 1160]);
    // A subscription cycle's order is taxed the same way, from the address the due event carries.
    const subscriptionId = randomUUID();
    await publishTestEvents(Topics.orderDue, [orderDue(subscriptionId, 0, [{ product: beans, quantity: 2 }], { shipTo: address('DE') })]);
    const cycleOrderId = await waitForCycleOrder(app, `sub:${subscriptionId}:cycle:0`);
    const cycleOrder = (await http(app).get(`/orders/${cycleOrderId}`).expect(200)).body;
    expect(cycleOrder.totals).toMatchObject({ subtotalMinor: 2000, taxMinor: 320, totalMinor: 2320, taxStatus: 'calculated' });
  });

  it('taxes lines priced late: an order held for a missing price is taxed when the price arrives and the hold is released', async () => {
    clock.set(new Date('2026-06-30T12:00:00Z'));
    const dollarsOnly = await catalogProduct(app, { taxCode: goods, prices: [{ currency: 'USD', amountMinor: 2000 }] });
    const subscriptionId = randomUUID();
    await publishTestEvents(Topics.orderDue, [orderDue(subscriptionId, 0, [{ product: dollarsOnly, quantity: 2 }], { shipTo: address('DE') })]);
    const orderId = await waitForCycleOrder(app, `sub:${subscriptionId}:cycle:0`);
    expect((await http(app).get(`/orders/${orderId}`).expect(200)).body).toMatchObject({ status: 'on-hold', totals: { subtotalMinor: 0, taxMinor: 0 } });

    await catalogProduct(app, { ...dollarsOnly, prices: [...dollarsOnly.prices, { currency: 'EUR', amountMinor: 1000 }], version: 2 });
    const released = await waitFor(async () => (await http(app).get(`/orders/${orderId}`).expect(200)).body, (o) => o.status !== 'on-hold', { what: 'the pricing hold released' });
    // 2 x 10.00 at 19% (the rate of the order's creation day) = 3.80
    expect(released.totals).toEqual({ subtotalMinor: 2000, discountMinor: 0, chargesMinor: 0, taxMinor: 380, totalMinor: 2380, pricesIncludeTax: false, taxStatus: 'calculated' });
    expect(released.lines.map((l: { taxRatePercent: string; taxMinor: number }) => [l.taxRatePercent, l.taxMinor])).toEqual([['19.0000', 380]]);
    const event = (await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.orderCreated))[0]!.data as OrderLifecycleV1;
    expect(event.totals).toEqual(released.totals);
  });

  it('takes the tax out of tax-inclusive prices, and charges none without a ship-to', async () => {
    clock.set(new Date('2026-06-30T12:00:00Z'));
    await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: ['EUR'] }).expect(200);
    const gross = await place(order('EUR', address('DE')));
    // 30.00 holds 19%: 4.79; 15.50 holds 7%: 1.01; the total is the prices as they are
    expect(gross.totals).toEqual({ subtotalMinor: 4550, discountMinor: 0, chargesMinor: 0, taxMinor: 580, totalMinor: 4550, pricesIncludeTax: true, taxStatus: 'calculated' });
    await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: [] }).expect(200);
    const nowhere = await place(order('EUR', undefined));
    expect(nowhere.totals).toMatchObject({ taxMinor: 0, totalMinor: 4550, taxStatus: 'no-ship-to' });
    expect(nowhere.lines.every((l: { taxMinor: number; taxRatePercent: string | null }) => l.taxMinor === 0 && l.taxRatePercent === null)).toBe(true);
  });
});
