import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { catalogProduct, http, orderDue, resetOrders, startOrders, waitForCycleOrder } from './support/orders-test-kit';

/** GET /orders?search= finds orders by order number, external reference, customer email or customer name. */
describe('orders: search and paging', () => {
  const clock = new ControllableClock(new Date('2026-02-01T08:00:05Z'));
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

  const place = (fields: Record<string, unknown>) => http(app).post('/orders').send({
    customerId: `cust-${randomUUID().slice(0, 6)}`, channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }], ...fields,
  }).expect(201).then((r) => r.body as { orderId: string; orderNumber: string });
  const search = async (text: string) => {
    const { body } = await http(app).get(`/orders?search=${encodeURIComponent(text)}`).expect(200);
    return body as { items: Array<{ orderId: string }>; total: number; limit: number; offset: number };
  };

  it('matches order number, external reference, email and name, case-insensitively and in part', async () => {
    const ann = await place({ customerName: 'Ann de Vries', customerEmail: 'ann@example.com', externalRef: 'WEB-1001' });
    const bob = await place({ customerName: 'Bob Jansen', customerEmail: 'bob@shop.test', externalRef: 'WEB-2002' });
    const due = orderDue(randomUUID(), 0, [{ product: coffee, quantity: 1 }], { customerName: 'Carla Vries', customerEmail: 'carla@example.com' });
    await publishTestEvents(Topics.orderDue, [due]);
    const carla = await waitForCycleOrder(app, due.data.cycleKey);

    const ids = async (text: string) => (await search(text)).items.map((o) => o.orderId).sort();
    expect(await ids(ann.orderNumber)).toEqual([ann.orderId]);
    expect(await ids('web-2002')).toEqual([bob.orderId]);
    expect(await ids('BOB@SHOP')).toEqual([bob.orderId]);
    expect(await ids('vries')).toEqual([ann.orderId, carla].sort());
    expect(await ids('example.com')).toEqual([ann.orderId, carla].sort());
    expect(await search('nobody')).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await http(app).get(`/orders/${ann.orderId}`).expect(200)).body).toMatchObject({ customerName: 'Ann de Vries' });
  });

  it('pages the results in the one list shape and refuses an empty search', async () => {
    for (const n of [1, 2, 3]) await place({ customerName: `Dora ${n}` });
    const page = await http(app).get('/orders?search=dora&limit=2&offset=2').expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.items).toHaveLength(1);
    const empty = await http(app).get('/orders?search=').expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['search']);
  });
});
