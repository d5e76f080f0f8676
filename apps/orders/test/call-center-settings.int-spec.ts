import type { INestApplication } from '@nestjs/common';
import { ControllableClock } from '@oms/service-runtime';
import { httpAs } from '@oms/testing';
import { prismaOf, startOrders } from './support/orders-test-kit';

const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** The call-center settings (with their change log) and the source code catalog, over HTTP. */
describe('orders: call-center settings and source codes', () => {
  const clock = new ControllableClock(new Date('2026-04-01T09:00:00Z'));
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrders(clock);
  });
  beforeEach(() => prismaOf(app).$executeRaw`TRUNCATE call_center_setting, call_center_setting_change`);
  afterAll(async () => {
    await app?.close();
  });

  it('serves the defaults, takes a subset from an admin and keeps a change log naming who set what', async () => {
    const { body: defaults } = await httpAs(app, 'csr').get('/settings/call-center').expect(200);
    expect(defaults).toMatchObject({
      sourceCodeRequired: false, marginAlertPercent: 20, updatedAt: null,
      overrideLimits: [{ role: 'csr', maxPercentOffList: 15, maxChargeReductionPercent: 100 }, { role: 'admin', maxPercentOffList: 100, maxChargeReductionPercent: 100 }],
    });
    expect(defaults.reasonCodes.map((r: { code: string }) => r.code)).toEqual(['PRICE-MATCH', 'GOODWILL', 'DAMAGED', 'LOYALTY']);

    await httpAs(app, 'admin', 'admin-ann').put('/settings/call-center').send({ sourceCodeRequired: true }).expect(200);
    const { body: after } = await httpAs(app, 'admin', 'admin-bob').put('/settings/call-center').send({ marginAlertPercent: 25.5 }).expect(200);
    expect(after).toMatchObject({ sourceCodeRequired: true, marginAlertPercent: 25.5, reasonCodes: defaults.reasonCodes });
    const { body: log } = await httpAs(app, 'ops').get('/settings/call-center/changes').expect(200);
    expect(log.total).toBe(2);
    expect(log.items.map((c: { actor: unknown; value: { marginAlertPercent: number } }) => [c.actor, c.value.marginAlertPercent])).toEqual([
      [{ sub: 'admin-bob', role: 'admin' }, 25.5], [{ sub: 'admin-ann', role: 'admin' }, 20],
    ]);
  });

  it('refuses bad settings naming the field, and writes nothing', async () => {
    const bad = await httpAs(app, 'admin').put('/settings/call-center').send({
      marginAlertPercent: 120, reasonCodes: [{ code: 'A', description: 'a' }, { code: 'A', description: 'b' }], overrideLimits: [{ role: 'customer', maxPercentOffList: 5, maxChargeReductionPercent: 0 }],
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['marginAlertPercent', 'overrideLimits.0.role', 'reasonCodes']);
    await httpAs(app, 'admin').put('/settings/call-center').send({ sourceCodeRequired: null }).expect(400);
    await httpAs(app, 'csr').put('/settings/call-center').send({ sourceCodeRequired: true }).expect(403);
    expect(await prismaOf(app).callCenterSettingChange.count()).toBe(0);
  });

  it('creates, reads, lists and changes source codes (admin writes, csr and channels read)', async () => {
    const code = `SPRING-${suffix()}`;
    const body = { code: code.toLowerCase(), description: 'Spring mailing', channel: 'call-center', validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-01T00:00:00Z', discountPercent: 12.5, charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 495 }] };
    const { body: created } = await httpAs(app, 'admin', 'admin-ann').post('/source-codes').send(body).expect(201);
    expect(created).toMatchObject({ code, channel: 'call-center', discountPercent: 12.5, freeShipping: false, validTo: '2026-06-01T00:00:00.000Z', updatedBy: { sub: 'admin-ann', role: 'admin' } });
    await httpAs(app, 'admin').post('/source-codes').send(body).expect(409).expect((r) => expect(r.body.errors[0].field).toBe('code'));
    await httpAs(app, 'csr').post('/source-codes').send({ ...body, code: `X${suffix()}` }).expect(403);

    expect((await httpAs(app, 'channel', 'web').get(`/source-codes/${code.toLowerCase()}`).expect(200)).body).toMatchObject({ code });
    const { body: changed } = await httpAs(app, 'admin', 'admin-bob').patch(`/source-codes/${code}`).send({ freeShipping: true, charges: [{ type: 'handling', currency: 'EUR', amountMinor: 150 }] }).expect(200);
    expect(changed).toMatchObject({ freeShipping: true, discountPercent: 12.5, charges: [{ type: 'handling', amountMinor: 150 }], updatedBy: { sub: 'admin-bob' } });

    const valid = await httpAs(app, 'csr').get(`/source-codes?channel=call-center&validAt=2026-05-31T23:59:59Z&limit=200`).expect(200);
    expect(valid.body.items.map((c: { code: string }) => c.code)).toContain(code);
    const later = await httpAs(app, 'csr').get(`/source-codes?validAt=2026-06-01T00:00:00Z&limit=200`).expect(200);
    expect(later.body.items.map((c: { code: string }) => c.code)).not.toContain(code);
    await httpAs(app, 'csr').get('/source-codes/NOPE-404').expect(404);
  });

  it('refuses inconsistent source codes naming the field', async () => {
    const base = { code: `BAD-${suffix()}`, description: 'x', channel: 'web', validFrom: '2026-03-01T00:00:00Z' };
    const backwards = await httpAs(app, 'admin').post('/source-codes').send({ ...base, validTo: '2026-02-01T00:00:00Z' }).expect(422);
    expect(backwards.body.errors[0].field).toBe('validTo');
    const freeButCharged = await httpAs(app, 'admin').post('/source-codes').send({ ...base, freeShipping: true, charges: [{ type: 'shipping', currency: 'EUR', amountMinor: 1 }] }).expect(422);
    expect(freeButCharged.body.errors[0].field).toBe('charges.0.type');
    const malformed = await httpAs(app, 'admin').post('/source-codes').send({ ...base, code: 'no spaces', channel: 'fax', discountPercent: 0, charges: [{ type: 'gift-wrap', currency: 'EUR', amountMinor: 1 }] }).expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'charges.0.type', 'code', 'discountPercent']);
    await httpAs(app, 'admin').patch(`/source-codes/${base.code}`).send({ description: 'y' }).expect(404);
  });
});
