import fs from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { ProductChangedV1 } from '@oms/contracts';
import { CLOCK, ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, httpAs } from '@oms/testing';
import { catalogProduct, prismaOf } from './support/orders-test-kit';
import { addCard, newCustomer, placeOrder } from './support/payments-test-kit';

const PAN = '4111111111111111';
const SPACED = '4111 1111 1111 1111';
const DASHED = '4111-1111-1111-1111';

/**
 * No card number can be stored or logged: a test PAN sent in many places of
 * many requests is refused naming the field, and afterwards appears in no log
 * line of the service and in no row of any of its tables (outbox included).
 */
describe('orders: card numbers are refused and never stored or logged', () => {
  const clock = new ControllableClock(new Date('2026-03-01T09:00:00Z'));
  const logged: string[] = [];
  const spies: jest.SpyInstance[] = [];
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    const keep = (chunk: unknown) => logged.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    const writeSync = fs.writeSync.bind(fs);
    const write = fs.write.bind(fs);
    spies.push(jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => { if (fd !== 1) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest); keep(data); return typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length; }) as typeof fs.writeSync));
    spies.push(jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => { if (fd !== 1) return (write as (...a: unknown[]) => void)(fd, data, ...rest); keep(data); const callback = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined; callback?.(null, typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length); }) as typeof fs.write));
    spies.push(jest.spyOn(process.stdout, 'write').mockImplementation(((data: unknown, ...rest: unknown[]) => { keep(data); const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined; callback?.(); return true; }) as typeof process.stdout.write));
    app = await createServiceTestApp({
      service: 'orders', loadModule: async () => (await import('../src/app.module')).AppModule, env: { LOG_LEVEL: 'debug' }, overrides: [{ provide: CLOCK, useValue: clock }],
    });
    coffee = await catalogProduct(app);
  });
  afterAll(async () => {
    await app?.close();
    for (const spy of spies) spy.mockRestore();
  });

  it('refuses a PAN in any field, query or path naming it, then finds it in no log line and no table', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const order = await placeOrder(app, customerId, coffee, 'web');
    const base = { customerId, channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] };
    const card = { providerToken: 'tok_approve', brand: 'visa', last4: '1111', expiryMonth: 12, expiryYear: 2030 };
    const refused: Array<[string, string, object | undefined, string]> = [
      ['post', '/orders', { ...base, customerName: PAN }, 'customerName'],
      ['post', '/orders', { ...base, externalRef: `ref ${SPACED}` }, 'externalRef'],
      ['post', '/orders', { ...base, shipTo: { name: 'Ann', lines: [DASHED], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' } }, 'shipTo.lines.0'],
      ['post', `/customers/${customerId}/payment-methods`, { ...card, providerToken: PAN }, 'providerToken'],
      ['post', `/customers/${PAN}/payment-methods`, card, 'customerId'],
      ['get', `/orders?search=${PAN}`, undefined, 'search'],
      ['post', `/orders/${order.orderId}/hold`, { reason: `card is ${SPACED}` }, 'reason'],
      ['post', `/orders/${order.orderId}/cancel`, { reason: DASHED }, 'reason'],
      ['post', `/orders/${order.orderId}/refunds`, { amountMinor: 100, reason: PAN }, 'reason'],
      ['put', '/settings/payments', { requireCardChannels: [PAN] }, 'requireCardChannels.0'],
    ];
    for (const [method, path, body, field] of refused) {
      const call = (httpAs(app, 'admin') as unknown as Record<string, (p: string) => { send: (b?: object) => Promise<{ status: number; body: { errors?: Array<{ field: string }> } }> }>)[method]!(path);
      const res = await call.send(body);
      expect({ path, field, status: res.status, fields: res.body.errors?.map((e) => e.field) }).toEqual({ path, field, status: 400, fields: expect.arrayContaining([field]) });
      expect(JSON.stringify(res.body)).not.toContain('4111');
    }
    const unknownField = await httpAs(app, 'csr').post('/orders').send({ ...base, cardNumber: PAN }).expect(400);
    expect(JSON.stringify(unknownField.body)).not.toContain(PAN);
    expect(logged.length).toBeGreaterThan(10); // the request log lines were captured
    const leaks = logged.filter((line) => [PAN, SPACED, DASHED, '4111%201111'].some((form) => line.includes(form)));
    expect(leaks).toEqual([]);
    const prisma = prismaOf(app);
    const tables = await prisma.$queryRaw<Array<{ name: string }>>`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['sales_order', 'payment', 'payment_method', 'outbox_event', 'order_status_history']));
    for (const { name } of tables) {
      const [{ hits }] = await prisma.$queryRawUnsafe<[{ hits: bigint }]>(
        `SELECT count(*) AS hits FROM "${name}" t WHERE regexp_replace(t::text, '[ -]', '', 'g') LIKE '%${PAN}%'`,
      );
      expect({ table: name, hits: Number(hits) }).toEqual({ table: name, hits: 0 });
    }
  });
});
