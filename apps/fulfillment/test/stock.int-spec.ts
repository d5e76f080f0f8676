import type { INestApplication } from '@nestjs/common';
import { http, newSku, orderCreated, prismaOf, publishOrders, reservationOf, resetFulfillment, startFulfillment, stockOf, stockUp } from './support/fulfillment-test-kit';

describe('fulfillment: warehouses and stock', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startFulfillment();
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await http(app).post('/warehouses').send({ code: 'ams-1', name: 'Amsterdam' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates and lists warehouses; a code is unique', async () => {
    await http(app).post('/warehouses').send({ code: 'RTM', name: 'Rotterdam' }).expect(201);
    const duplicate = await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'again' }).expect(409);
    expect(duplicate.body.errors).toEqual([{ field: 'code', messages: ['a warehouse with code AMS-1 already exists'] }]);
    const { body } = await http(app).get('/warehouses').expect(200);
    expect(body.items.map((w: { code: string }) => w.code)).toEqual(['AMS-1', 'RTM']);
    expect(body.total).toBe(2);
    const bad = await http(app).post('/warehouses').send({ code: 'no spaces', name: '', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'extra', 'name']);
  });

  it('sets on hand, records receipts and corrections as movements, and lists on hand / reserved / available', async () => {
    const sku = newSku();
    const set = await http(app).put(`/warehouses/AMS-1/stock/${sku.toLowerCase()}`).send({ onHand: 10 }).expect(200);
    expect(set.body).toMatchObject({ warehouseCode: 'AMS-1', sku, onHand: 10, reserved: 0, available: 10 });
    await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: 5, reason: 'receipt PO-1' }).expect(201);
    const corrected = await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: -3, reason: 'damaged' }).expect(201);
    expect(corrected.body).toMatchObject({ onHand: 12, available: 12 });
    const prisma = await prismaOf(app);
    const movements = await prisma.stockMovement.findMany({ where: { sku }, orderBy: { id: 'asc' } });
    expect(movements.map((m) => [m.kind, m.delta, m.onHandAfter, m.reason])).toEqual([
      ['set', 10, 10, 'stock count'], ['adjustment', 5, 15, 'receipt PO-1'], ['adjustment', -3, 12, 'damaged'],
    ]);
    const list = await http(app).get(`/stock?sku=${sku}`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ sku, warehouseCode: 'AMS-1', onHand: 12, reserved: 0, available: 12 }] });
  });

  it('rejects malformed input with 400, unknown warehouses with 404 and negative stock with 422', async () => {
    const sku = newSku();
    const bad = await http(app).put(`/warehouses/AMS-1/stock/${sku}`).send({ onHand: -1 }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'onHand', messages: ['onHand must not be negative'] }]);
    await http(app).put(`/warehouses/AMS-1/stock/${sku}`).send({ onHand: 1.5 }).expect(400);
    const adjustment = await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: 0, reason: ' ' }).expect(400);
    expect(adjustment.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['delta', 'reason']);
    const path = await http(app).put('/warehouses/AMS-1/stock/bad%20sku').send({ onHand: 1 }).expect(400);
    expect(path.body.errors[0].field).toBe('sku');
    await http(app).get('/stock?warehouse=a b').expect(400);
    await http(app).put(`/warehouses/NOPE/stock/${sku}`).send({ onHand: 1 }).expect(404);
    const negative = await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: -2, reason: 'count' }).expect(422);
    expect(negative.body.errors).toEqual([{ field: 'delta', messages: [`on hand of ${sku} would become -2`] }]);
    expect(await stockOf(app, 'AMS-1', sku)).toBeUndefined(); // the refused change left no row behind
  });

  it('refuses with 409 to take on hand below what is reserved', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 5);
    const order = orderCreated([{ sku, quantity: 4 }]);
    await publishOrders(order);
    await reservationOf(app, order.data.orderId);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 5, reserved: 4, available: 1 });

    const set = await http(app).put(`/warehouses/AMS-1/stock/${sku}`).send({ onHand: 3 }).expect(409);
    expect(set.body.errors).toEqual([{ field: 'onHand', messages: [`on hand of ${sku} cannot go below the 4 unit(s) reserved for orders (requested 3)`] }]);
    await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: -2, reason: 'lost' }).expect(409);
    await http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`).send({ delta: -1, reason: 'lost' }).expect(201);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
  });

  it('keeps the CHECK constraints as a last line of defence', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 1);
    const prisma = await prismaOf(app);
    await expect(prisma.$executeRaw`UPDATE stock SET reserved = 2 WHERE sku = ${sku}`).rejects.toThrow(/stock_reserved_within_on_hand/);
    await expect(prisma.$executeRaw`UPDATE stock SET on_hand = -1, reserved = -1 WHERE sku = ${sku}`).rejects.toThrow(/not_negative/);
  });
});
