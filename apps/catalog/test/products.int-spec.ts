import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics } from '@oms/contracts';
import { createServiceTestApp, EventCollector, httpAs } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';

const sku = (name: string) => `${name}-${Date.now().toString(36)}`.toUpperCase();

const coffee = (overrides: Record<string, unknown> = {}) => ({
  sku: sku('coffee'),
  name: 'Organic coffee beans 1 kg',
  type: 'goods',
  subscribable: true,
  allowedFrequencies: [{ unit: 'month', interval: 1 }, { unit: 'month', interval: 3 }, { unit: 'year', interval: 1 }],
  prices: [{ currency: 'EUR', amountMinor: 1999 }],
  ...overrides,
});

describe('catalog: products', () => {
  let app: INestApplication;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.catalogProduct]);
    app = await createServiceTestApp({ service: 'catalog', loadModule: async () => (await import('../src/app.module')).AppModule });
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const http = () => httpAs(app);

  it('creates a product with IOM frequencies and publishes its full state', async () => {
    const body = coffee();
    const created = await http().post('/products').send(body).expect(201);
    expect(created.body).toMatchObject({ sku: body.sku, status: 'active', version: 1, subscribable: true });
    expect(created.body.allowedFrequencies.map((f: { label: string }) => f.label)).toEqual(['Monthly', 'Quarterly', 'Yearly']);
    const [event] = await events.waitFor((e) => e.subject === created.body.productId);
    expect(event!.type).toBe(EventTypes.productChanged);
    expect(event!.data).toMatchObject({ sku: body.sku, version: 1, prices: [{ currency: 'EUR', amountMinor: 1999 }] });
  });

  it('updates and retires with increasing versions, one event per change', async () => {
    const { body: product } = await http().post('/products').send(coffee()).expect(201);
    await http().patch(`/products/${product.productId}`).send({ name: 'Coffee 2 kg', prices: [{ currency: 'EUR', amountMinor: 3499 }] }).expect(200);
    const retired = await http().post(`/products/${product.productId}/retire`).expect(200);
    expect(retired.body).toMatchObject({ status: 'retired', version: 3, name: 'Coffee 2 kg' });
    const published = await events.waitFor((e) => e.subject === product.productId, 3);
    expect(published.map((e) => (e.data as { version: number }).version)).toEqual([1, 2, 3]);
  });

  it('records who made each version in the audit trail and on the event (actorsub, actorrole)', async () => {
    const { body: product } = await httpAs(app, 'admin', 'admin-ann').post('/products').send(coffee()).expect(201);
    await httpAs(app, 'admin', 'admin-bob').post(`/products/${product.productId}/retire`).expect(200);
    const published = await events.waitFor((e) => e.subject === product.productId, 2);
    expect(published.map((e) => [e.actorsub, e.actorrole])).toEqual([['admin-ann', 'admin'], ['admin-bob', 'admin']]);
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    const audit = await prisma.productChange.findMany({ where: { productId: product.productId }, orderBy: { id: 'asc' } });
    expect(audit.map(({ version, action, actorSub, actorRole, eventId }) => ({ version, action, actorSub, actorRole, eventId }))).toEqual([
      { version: 1, action: 'created', actorSub: 'admin-ann', actorRole: 'admin', eventId: published[0]!.id },
      { version: 2, action: 'retired', actorSub: 'admin-bob', actorRole: 'admin', eventId: published[1]!.id },
    ]);
  });

  it('rejects bad input naming each offending field, writing nothing', async () => {
    const bad = coffee({ name: '  ', allowedFrequencies: [{ unit: 'fortnight', interval: 1 }], prices: [{ currency: 'EUR', amountMinor: -5 }] });
    const response = await http().post('/products').send(bad).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'allowedFrequencies.0.unit', 'prices.0.amountMinor']));
    await http().get(`/products?search=${bad.sku}`).expect(200).expect((r) => expect(r.body.total).toBe(0));
  });

  it('rejects unknown properties and cross-field contradictions', async () => {
    const unknown = await http().post('/products').send({ ...coffee(), colour: 'red' }).expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'colour' });
    const noFrequency = await http().post('/products').send(coffee({ allowedFrequencies: [] })).expect(422);
    expect(noFrequency.body.errors[0].field).toBe('allowedFrequencies');
    const twice = await http().post('/products').send(coffee({ prices: [{ currency: 'EUR', amountMinor: 1 }, { currency: 'EUR', amountMinor: 2 }] })).expect(422);
    expect(twice.body.errors[0].field).toBe('prices.1.currency');
  });

  it('keeps an optional cost price per currency, publishes it, and shows it to staff only', async () => {
    const { body: product } = await http().post('/products').send(coffee({ costPrices: [{ currency: 'EUR', amountMinor: 1150 }] })).expect(201);
    expect(product.costPrices).toEqual([{ currency: 'EUR', amountMinor: 1150 }]);
    await http().patch(`/products/${product.productId}`).send({ costPrices: [{ currency: 'EUR', amountMinor: 1250 }, { currency: 'GBP', amountMinor: 1100 }] }).expect(200);
    const published = await events.waitFor((e) => e.subject === product.productId, 2);
    expect(published.map((e) => (e.data as { costPrices: unknown }).costPrices)).toEqual([
      [{ currency: 'EUR', amountMinor: 1150 }], [{ currency: 'EUR', amountMinor: 1250 }, { currency: 'GBP', amountMinor: 1100 }],
    ]);
    expect((await httpAs(app, 'csr').get(`/products/${product.productId}`).expect(200)).body.costPrices).toHaveLength(2);
    const { body: seenByCustomer } = await httpAs(app, 'customer', 'cust-1').get(`/products/${product.productId}`).expect(200);
    expect(seenByCustomer).not.toHaveProperty('costPrices');
    const { body: list } = await httpAs(app, 'channel', 'web').get(`/products?search=${product.sku}`).expect(200);
    expect(list.items[0]).not.toHaveProperty('costPrices');
    const { body: plain } = await http().post('/products').send(coffee()).expect(201);
    expect(plain.costPrices).toEqual([]);
  });

  it('refuses a negative cost price (400) and two cost prices in one currency (422), naming the field', async () => {
    const negative = await http().post('/products').send(coffee({ costPrices: [{ currency: 'EUR', amountMinor: -1 }] })).expect(400);
    expect(negative.body.errors.map((e: { field: string }) => e.field)).toEqual(['costPrices.0.amountMinor']);
    const twice = await http().post('/products').send(coffee({ costPrices: [{ currency: 'EUR', amountMinor: 1 }, { currency: 'EUR', amountMinor: 2 }] })).expect(422);
    expect(twice.body.errors[0]).toMatchObject({ field: 'costPrices.1.currency', messages: ['currency EUR has two cost prices'] });
    const nulled = await http().post('/products').send(coffee({ costPrices: null })).expect(400);
    expect(nulled.body.errors[0].field).toBe('costPrices');
  });

  it('answers 409 on a duplicate SKU and 404 on an unknown product', async () => {
    const body = coffee();
    await http().post('/products').send(body).expect(201);
    const duplicate = await http().post('/products').send({ ...body, sku: body.sku.toLowerCase() }).expect(409);
    expect(duplicate.body.errors[0]).toMatchObject({ field: 'sku' });
    await http().get('/products/00000000-0000-4000-8000-000000000000').expect(404);
    await http().get('/products/not-a-uuid').expect(400);
  });

  it('lists with filters and pagination', async () => {
    const marker = sku('list');
    for (const [i, type] of ['goods', 'rental', 'rental'].entries()) {
      await http().post('/products').send(coffee({ sku: `${marker}-${i}`, name: `Item ${marker} ${i}`, type })).expect(201);
    }
    const rentals = await http().get(`/products?search=${marker}&type=rental&limit=1`).expect(200);
    expect(rentals.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(rentals.body.items).toHaveLength(1);
    const second = await http().get(`/products?search=${marker}&type=rental&limit=1&offset=1`).expect(200);
    expect(second.body.items[0].sku).not.toBe(rentals.body.items[0].sku);
    await http().get('/products?limit=500').expect(400);
  });
});
