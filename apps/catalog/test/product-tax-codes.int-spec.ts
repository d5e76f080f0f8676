import type { INestApplication } from '@nestjs/common';
import { Topics } from '@oms/contracts';
import { createServiceTestApp, EventCollector, httpAs } from '@oms/testing';

const tea = (overrides: Record<string, unknown> = {}) => ({
  sku: `TEA-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase(),
  name: 'Green tea 250 g',
  type: 'goods',
  subscribable: false,
  allowedFrequencies: [],
  prices: [{ currency: 'EUR', amountMinor: 799 }],
  ...overrides,
});

describe('catalog: product tax codes', () => {
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

  it('defaults to standard, takes a code (lower-cased) and publishes it on catalog.product.v1', async () => {
    const plain = await httpAs(app).post('/products').send(tea()).expect(201);
    expect(plain.body.taxCode).toBe('standard');
    const food = await httpAs(app).post('/products').send(tea({ taxCode: ' Food.Reduced ' })).expect(201);
    expect(food.body.taxCode).toBe('food.reduced');
    const changed = await httpAs(app).patch(`/products/${food.body.productId}`).send({ taxCode: 'zero' }).expect(200);
    expect(changed.body).toMatchObject({ taxCode: 'zero', version: 2 });
    const published = await events.waitFor((e) => e.subject === food.body.productId, 2);
    expect(published.map((e) => (e.data as { taxCode: string }).taxCode)).toEqual(['food.reduced', 'zero']);
    const [plainEvent] = await events.waitFor((e) => e.subject === plain.body.productId);
    expect((plainEvent!.data as { taxCode: string }).taxCode).toBe('standard');
  });

  it('refuses a malformed tax code naming the field, writing nothing', async () => {
    const body = tea({ taxCode: 'VAT 21%' });
    const refused = await httpAs(app).post('/products').send(body).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['taxCode']);
    await httpAs(app).get(`/products?search=${body.sku}`).expect(200).expect((r) => expect(r.body.total).toBe(0));
    const { body: product } = await httpAs(app).post('/products').send(tea()).expect(201);
    await httpAs(app).patch(`/products/${product.productId}`).send({ taxCode: null }).expect(400);
    await httpAs(app).patch(`/products/${product.productId}`).send({ taxCode: '' }).expect(400);
  });
});
