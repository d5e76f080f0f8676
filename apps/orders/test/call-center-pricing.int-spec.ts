import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs } from '@oms/testing';
import { catalogProduct, prismaOf, resetOrders, startOrders } from './support/orders-test-kit';

const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/**
 * Call-center pricing: a quote shows what POST /orders places, source codes,
 * overrides with their limits and audit, and margin alerts.
 */
describe('orders: call-center quotes, source codes and overrides', () => {
  const clock = new ControllableClock(new Date('2026-04-01T09:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;
  let grinder: ProductChangedV1;
  let spring: string;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 2000 }], costPrices: [{ currency: 'EUR', amountMinor: 1200 }] });
    grinder = await catalogProduct(app, { name: 'Grinder', prices: [{ currency: 'EUR', amountMinor: 10000 }], costPrices: [{ currency: 'EUR', amountMinor: 8500 }] });
    spring = `SPRING-${suffix()}`;
    await httpAs(app, 'admin').post('/source-codes').send({
      code: spring, description: 'Spring mailing', channel: 'call-center', validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-01T00:00:00Z',
      discountPercent: 10, charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }, { type: 'handling', currency: 'EUR', amountMinor: 150 }],
    }).expect(201);
  });
  beforeEach(async () => {
    clock.set(new Date('2026-04-01T09:00:00Z'));
    await resetOrders(app);
    // Settings are per database: neither call-center settings nor fraud rules another suite left behind apply here.
    await prismaOf(app).$executeRaw`TRUNCATE call_center_setting, fraud_rule_setting`;
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const order = (fields: Record<string, unknown> = {}) => ({
    customerId: 'cust-cc-1', customerEmail: 'ann@example.com', channel: 'call-center', currency: 'EUR', sourceCode: spring,
    lines: [{ productId: coffee.productId, quantity: 3, priceOverride: { unitPriceMinor: 1800, reasonCode: 'PRICE-MATCH' } }],
    chargeOverrides: [{ type: 'shipping', amountMinor: 0, reasonCode: 'GOODWILL' }],
    ...fields,
  });

  it('quotes without writing anything, and POST /orders with the same body places exactly the quote', async () => {
    const csr = httpAs(app, 'csr', 'csr-ann');
    const { body: quote } = await csr.post('/orders/quote').send(order()).expect(200);
    // 1800 (override) less the code's 10% = 1620 a unit; 3 units; margin (4860 - 3600) / 4860 = 25.93%
    expect(quote.lines).toEqual([expect.objectContaining({
      listPriceMinor: 2000, basePriceMinor: 1800, unitNetPriceMinor: 1620, lineNetMinor: 4860, costMinor: 3600, marginMinor: 1260, marginPercent: 25.93, marginAlert: false,
      discounts: [{ source: 'source-code', code: spring, percent: 10, amountMinor: 540 }],
    })]);
    expect(quote.charges).toEqual([{ type: 'shipping', amountMinor: 0, basis: 'override' }, { type: 'handling', amountMinor: 150, basis: 'source-code' }]);
    expect(quote.totals).toMatchObject({ listMinor: 6000, linesNetMinor: 4860, chargesMinor: 150, totalMinor: 5010 });
    expect(quote).not.toHaveProperty('taxMinor');
    expect(await prismaOf(app).salesOrder.count()).toBe(0);

    const { body: placed } = await csr.post('/orders').send(order()).expect(201);
    expect(placed).toMatchObject({
      totalMinor: quote.totals.totalMinor, sourceCode: spring, agent: 'csr-ann', charges: { shippingMinor: 0, handlingMinor: 150 },
      lines: [{ unitPriceMinor: 1620, lineTotalMinor: 4860, listPriceMinor: 2000, discountMinor: 540 }],
      margins: [{ line: 0, unitCostMinor: 1200, costMinor: 3600, marginMinor: 1260, marginPercent: 25.93, marginAlert: false }],
    });
    const by = { sub: 'csr-ann', role: 'csr' };
    expect(placed.priceOverrides).toEqual([
      { kind: 'unit-price', line: 0, unit: 'minor', oldValue: 2000, newValue: 1800, reasonCode: 'PRICE-MATCH', actor: by, at: '2026-04-01T09:00:00.000Z' },
      { kind: 'charge', chargeType: 'shipping', unit: 'minor', oldValue: 495, newValue: 0, reasonCode: 'GOODWILL', actor: by, at: '2026-04-01T09:00:00.000Z' },
    ]);
    const [created] = await events.waitFor((e) => e.subject === placed.orderId);
    expect(created!.type).toBe(EventTypes.orderCreated);
    expect(created!.actorsub).toBe('csr-ann');
    const data = created!.data as OrderLifecycleV1;
    expect(data).toMatchObject({ totalMinor: 5010, handlingMinor: 150, sourceCode: spring, agentSub: 'csr-ann', lines: [{ unitPriceMinor: 1620, listPriceMinor: 2000, discountMinor: 540 }] });
    expect(data.priceOverrides).toEqual(placed.priceOverrides);

    const { body: customerView } = await httpAs(app, 'customer', 'cust-cc-1').get(`/orders/${placed.orderId}`).expect(200);
    expect(customerView).not.toHaveProperty('margins');
    const listed = await httpAs(app, 'csr').get(`/orders?sourceCode=${spring.toLowerCase()}`).expect(200);
    expect(listed.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([placed.orderId]);
    expect((await httpAs(app, 'csr').get('/orders?sourceCode=OTHER').expect(200)).body.total).toBe(0);
  });

  it('refuses a csr override beyond 15% off list with 403 naming the line and limit; an admin may give it', async () => {
    const deep = order({ lines: [{ productId: coffee.productId, quantity: 2, priceOverride: { unitPriceMinor: 1500, reasonCode: 'PRICE-MATCH' } }] });
    for (const path of ['/orders/quote', '/orders']) {
      const refused = await httpAs(app, 'csr', 'csr-ann').post(path).send(deep).expect(403);
      // 1500 less the code's 10% = 1350, 450 below the code's own 1800: 22.5% of the list price of 2000
      expect(refused.body.errors).toEqual([{ field: 'lines.0.priceOverride', messages: [`line 0 (${coffee.sku}): 22.5% off list by override is beyond the csr limit of 15%; needs admin`] }]);
    }
    expect(await prismaOf(app).salesOrder.count()).toBe(0);
    // The admin may; the margin (2700 - 2400) / 2700 = 11.11% is under 20%, and the override's reason covers it.
    const { body: placed } = await httpAs(app, 'admin', 'admin-bob').post('/orders').send(deep).expect(201);
    expect(placed).toMatchObject({ totalMinor: 2700 + 150, agent: 'admin-bob', margins: [{ marginPercent: 11.11, marginAlert: true }] });
    expect(placed.priceOverrides[0]).toMatchObject({ kind: 'unit-price', oldValue: 2000, newValue: 1500, actor: { sub: 'admin-bob', role: 'admin' } });
  });

  it('lets a customer quote and place at catalog prices but refuses any override (403)', async () => {
    const customer = httpAs(app, 'customer', 'cust-web-9');
    const plain = { customerId: 'cust-web-9', channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] };
    const { body: quote } = await customer.post('/orders/quote').send(plain).expect(200);
    expect(quote.totals).toMatchObject({ totalMinor: 2000, chargesMinor: 0 });
    expect((await customer.post('/orders').send(plain).expect(201)).body).toMatchObject({ totalMinor: 2000, agent: null, sourceCode: null, priceOverrides: [] });
    const refused = await customer.post('/orders/quote').send({ ...plain, orderDiscountOverride: { percent: 5, reasonCode: 'GOODWILL' } }).expect(403);
    expect(refused.body.errors[0]).toMatchObject({ field: 'orderDiscountOverride', messages: [`line 0 (${coffee.sku}): role customer may not override prices or charges`] });
    await customer.post('/orders/quote').send({ ...plain, customerId: 'someone-else' }).expect(403);
  });

  it('refuses an unknown, expired, not yet valid or wrong-channel source code naming sourceCode', async () => {
    const csr = httpAs(app, 'csr');
    const refusal = async (body: Record<string, unknown>) => (await csr.post('/orders').send(body).expect(422)).body.errors;
    expect(await refusal(order({ sourceCode: 'NO-SUCH-CODE' }))).toEqual([{ field: 'sourceCode', messages: ['source code NO-SUCH-CODE does not exist'] }]);
    expect(await refusal(order({ channel: 'web' }))).toEqual([{ field: 'sourceCode', messages: [`source code ${spring} is for call-center orders, not web`] }]);
    clock.set(new Date('2026-06-01T00:00:00Z'));
    expect(await refusal(order())).toEqual([{ field: 'sourceCode', messages: [`source code ${spring} expired at 2026-06-01T00:00:00.000Z`] }]);
    clock.set(new Date('2026-02-28T23:59:59Z'));
    expect(await refusal(order())).toEqual([{ field: 'sourceCode', messages: [`source code ${spring} is not valid before 2026-03-01T00:00:00.000Z`] }]);
    await csr.post('/orders/quote').send(order()).expect(422);
    expect(await prismaOf(app).salesOrder.count()).toBe(0);
  });

  it('requires a source code on call-center orders once the setting says so (web orders still need none)', async () => {
    const withoutCode = { customerId: 'cust-cc-3', channel: 'call-center', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] };
    await httpAs(app, 'csr').post('/orders').send(withoutCode).expect(201);
    await httpAs(app, 'admin').put('/settings/call-center').send({ sourceCodeRequired: true }).expect(200);
    const refused = await httpAs(app, 'csr').post('/orders/quote').send(withoutCode).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'sourceCode', messages: ['a call-center order needs a source code (setting sourceCodeRequired)'] }]);
    await httpAs(app, 'csr').post('/orders').send({ ...withoutCode, channel: 'web' }).expect(201);
  });

  it('flags a line under the margin threshold; placing it needs an override reason, kept on the order', async () => {
    const body = { customerId: 'cust-cc-2', channel: 'call-center', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }, { productId: grinder.productId, quantity: 1 }] };
    const { body: quote } = await httpAs(app, 'csr').post('/orders/quote').send(body).expect(200);
    expect(quote.lines.map((l: { marginPercent: number; marginAlert: boolean }) => [l.marginPercent, l.marginAlert])).toEqual([[40, false], [15, true]]);
    expect(quote).toMatchObject({ marginAlert: true, marginAlertPercent: 20 });

    const refused = await httpAs(app, 'csr').post('/orders').send(body).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'lines.1', messages: [`line 1 (${grinder.sku}) has a margin of 15%, below the 20% alert threshold: placing it needs an override reason (marginReasonCode)`] }]);
    const unlisted = await httpAs(app, 'csr').post('/orders').send({ ...body, lines: [body.lines[0], { ...body.lines[1], marginReasonCode: 'BECAUSE' }] }).expect(422);
    expect(unlisted.body.errors[0].field).toBe('lines.1.marginReasonCode');
    expect(await prismaOf(app).salesOrder.count()).toBe(0);

    const { body: placed } = await httpAs(app, 'csr', 'csr-cas').post('/orders').send({ ...body, lines: [body.lines[0], { ...body.lines[1], marginReasonCode: 'LOYALTY' }] }).expect(201);
    expect(placed.priceOverrides).toEqual([expect.objectContaining({ kind: 'margin-accepted', line: 1, unit: 'percent', oldValue: 20, newValue: 15, reasonCode: 'LOYALTY', actor: { sub: 'csr-cas', role: 'csr' } })]);
    expect(placed.margins.map((m: { marginAlert: boolean }) => m.marginAlert)).toEqual([false, true]);

    await httpAs(app, 'admin').put('/settings/call-center').send({ marginAlertPercent: 10 }).expect(200);
    expect((await httpAs(app, 'csr').post('/orders/quote').send(body).expect(200)).body.marginAlert).toBe(false);
  });
});
