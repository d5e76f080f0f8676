import type { INestApplication } from '@nestjs/common';
import { Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { httpAs, publishTestEvents, waitFor } from '@oms/testing';
import { catalogProduct, channelOrder, http, prismaOf, resetOrders, startOrders } from './support/orders-test-kit';

const shipTo = (postcode: string, phone?: string) => ({ name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode, city: 'Amsterdam', countryCode: 'NL', ...(phone && { phone }) });

/** The call-center desk finds a customer by phone or postcode, and reads one customer's orders. */
describe('orders: finding a customer', () => {
  const clock = new ControllableClock(new Date('2026-03-02T09:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
  });

  const place = (customerId: string, fields: Record<string, unknown> = {}, as = http(app)) => as.post('/orders').send({
    customerId, channel: 'call-center', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }], ...fields,
  }).expect(201).then((r) => r.body as { orderId: string; customerPhone: string | null });
  const found = async (text: string) =>
    ((await httpAs(app, 'csr').get(`/orders?search=${encodeURIComponent(text)}`).expect(200)).body.items as Array<{ orderId: string }>).map((o) => o.orderId).sort();

  it('finds orders by phone digits, whatever the punctuation, and by postcode without case or spaces', async () => {
    const ann = await place('cust-ann', { customerPhone: '+31 (0)6 1234-5678', shipTo: shipTo('1015 CJ') });
    const bob = await place('cust-bob', { shipTo: shipTo('3511 AB', '+31 30 987 6543') });
    const carla = channelOrder({ customerId: 'cust-carla', customerPhone: '030-9876543', lines: [{ productId: coffee.productId, sku: coffee.sku, quantity: 1 }] });
    await publishTestEvents(Topics.channelOrder, [carla]);
    const carlaRow = await waitForChannelOrder(app, carla.data.channelOrderId);

    expect(ann.customerPhone).toBe('+31 (0)6 1234-5678');
    expect(await found('06 12345678')).toEqual([ann.orderId]); // digits only: 0612345678 is part of 310612345678
    expect(await found('612345678')).toEqual([ann.orderId]);
    expect(await found('+31 (0)6 1234-5678')).toEqual([ann.orderId]);
    expect(await found('9876543')).toEqual([bob.orderId, carlaRow].sort()); // ship-to phone, and a channel order's phone
    expect(await found('1015cj')).toEqual([ann.orderId]);
    expect(await found('3511 ab')).toEqual([bob.orderId]);
    expect(await found('123')).toEqual([]); // too few digits for a phone, in no postcode
  });

  it('lists one customer\'s orders, paginated, for staff; a customer only their own, a channel only what it created', async () => {
    const first = await place('cust-dora');
    const second = await place('cust-dora', {}, httpAs(app, 'channel', 'shop-a'));
    await place('cust-eve');
    const page = await httpAs(app, 'csr').get('/customers/cust-dora/orders?limit=1').expect(200);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ orderId: second.orderId, customerId: 'cust-dora' }] });
    const all = await httpAs(app, 'ops').get('/customers/cust-dora/orders').expect(200);
    expect(all.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([second.orderId, first.orderId]);

    expect((await httpAs(app, 'customer', 'cust-dora').get('/customers/cust-dora/orders').expect(200)).body.total).toBe(2);
    expect((await httpAs(app, 'customer', 'cust-eve').get('/customers/cust-dora/orders').expect(200)).body).toMatchObject({ total: 0, items: [] });
    const shop = await httpAs(app, 'channel', 'shop-a').get('/customers/cust-dora/orders').expect(200);
    expect(shop.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([second.orderId]);
    expect((await httpAs(app, 'csr').get('/customers/nobody/orders').expect(200)).body.total).toBe(0);
    const tooLong = await httpAs(app, 'csr').get(`/customers/${'x'.repeat(101)}/orders`).expect(400);
    expect(tooLong.body.errors).toEqual([{ field: 'customerId', messages: ['customerId must be visible text of at most 100 characters'] }]);
  });
});

async function waitForChannelOrder(app: INestApplication, sourceRef: string): Promise<string> {
  const row = await waitFor(() => prismaOf(app).salesOrder.findFirst({ where: { sourceRef } }), (found) => found !== null, { what: `channel order ${sourceRef}` });
  return row!.id;
}
