import type { INestApplication } from '@nestjs/common';
import { http, newSku, prismaOf, resetFulfillment, startFulfillment, stockOf, stockUp } from './support/fulfillment-test-kit';

/**
 * Idempotency-Key (Stripe's rule) through a real route: a retried stock
 * adjustment must not count twice. The interceptor and its table are shared
 * by every service (libs/service-runtime, prisma/shared/idempotency.prisma).
 */
describe('fulfillment: Idempotency-Key on POST', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startFulfillment();
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    await (await prismaOf(app)).$executeRaw`TRUNCATE idempotency_key`;
    await http(app).post('/warehouses').send({ code: 'AMS-1', name: 'Amsterdam' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  const adjust = (sku: string, key: string | undefined, body: Record<string, unknown>) => {
    const req = http(app).post(`/warehouses/AMS-1/stock/${sku}/adjustments`);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };

  it('answers a retried adjustment with the first answer, and counts it once', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 10);
    const first = await adjust(sku, 'receipt-77', { delta: 5, reason: 'receipt PO-77' }).expect(201);
    expect(first.body).toMatchObject({ onHand: 15 });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await adjust(sku, 'receipt-77', { reason: 'receipt PO-77', delta: 5 }).expect(201); // same body, other key order
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 15 });
    const movements = await (await prismaOf(app)).stockMovement.count({ where: { sku, kind: 'adjustment' } });
    expect(movements).toBe(1);
    await adjust(sku, 'receipt-78', { delta: 5, reason: 'receipt PO-77' }).expect(201); // another key is another adjustment
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 20 });
  });

  it('answers 422 naming the header when the key is reused for a different request, and changes nothing', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 10);
    await adjust(sku, 'count-1', { delta: 1, reason: 'found one' }).expect(201);
    const reused = await adjust(sku, 'count-1', { delta: 2, reason: 'found one' }).expect(422);
    expect(reused.body.errors).toEqual([{ field: 'Idempotency-Key', messages: ['Idempotency-Key count-1 was already used for a different request'] }]);
    const otherRoute = await http(app).post('/warehouses').set('Idempotency-Key', 'count-1').send({ code: 'RTM-1', name: 'Rotterdam' }).expect(422);
    expect(otherRoute.body.errors[0].field).toBe('Idempotency-Key');
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 11 });
  });

  it('runs two concurrent requests with one key once: the other waits for its answer or is told to retry', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 10);
    const answers = await Promise.all([1, 2, 3].map(() => adjust(sku, 'burst', { delta: 3, reason: 'receipt' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const busy of answers.filter((a) => a.status === 409)) expect(busy.headers['retry-after']).toBe('1');
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 13 });
  });

  it('keeps nothing for a refused request, so its retry runs again', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 1);
    await adjust(sku, 'too-much', { delta: -2, reason: 'count' }).expect(422);
    await stockUp(app, 'AMS-1', sku, 5);
    expect((await adjust(sku, 'too-much', { delta: -2, reason: 'count' }).expect(201)).body).toMatchObject({ onHand: 3 });
  });

  it('refuses a malformed key and leaves requests without a key alone', async () => {
    const sku = newSku();
    await stockUp(app, 'AMS-1', sku, 0);
    const bad = await adjust(sku, 'x'.repeat(256), { delta: 1, reason: 'receipt' }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'Idempotency-Key' });
    await adjust(sku, undefined, { delta: 1, reason: 'receipt' }).expect(201);
    await adjust(sku, undefined, { delta: 1, reason: 'receipt' }).expect(201);
    expect(await stockOf(app, 'AMS-1', sku)).toMatchObject({ onHand: 2 });
  });
});
