import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ControllableClock } from '@oms/service-runtime';
import { httpAs } from '@oms/testing';
import { http, prismaOf, startOrders } from './support/orders-test-kit';

describe('orders: tax rates and the tax-inclusive setting over HTTP', () => {
  const clock = new ControllableClock(new Date('2026-04-01T08:00:00Z'));
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrders(clock);
  });
  afterAll(async () => {
    await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: [] });
    await app?.close();
  });

  const code = () => `t-${randomUUID().slice(0, 8)}`;

  it('keeps rates per code and region with exact percentages, lists them by day, and logs each change with its actor', async () => {
    const taxCode = code();
    await httpAs(app, 'csr').post('/tax-rates').send({ taxCode, countryCode: 'DE', ratePercent: '19', validFrom: '2020-01-01' }).expect(403);
    const old = await httpAs(app, 'admin', 'admin-tax').post('/tax-rates')
      .send({ taxCode, countryCode: 'de', ratePercent: '19', validFrom: '2020-01-01' }).expect(201);
    expect(old.body).toMatchObject({ taxCode, countryCode: 'DE', regionCode: null, ratePercent: '19.0000', validFrom: '2020-01-01', validTo: null });
    const overlapping = await http(app).post('/tax-rates').send({ taxCode, countryCode: 'DE', ratePercent: '16', validFrom: '2026-07-01' }).expect(409);
    expect(overlapping.body.errors[0].field).toBe('validFrom');
    await httpAs(app, 'admin', 'admin-tax').patch(`/tax-rates/${old.body.rateId}`).send({ validTo: '2026-06-30' }).expect(200);
    await http(app).post('/tax-rates').send({ taxCode, countryCode: 'DE', ratePercent: '16.0001', validFrom: '2026-07-01' }).expect(201);
    await http(app).post('/tax-rates').send({ taxCode, countryCode: 'US', regionCode: 'ny', ratePercent: '8.875', validFrom: '2026-01-01', validTo: '2026-12-31' }).expect(201);

    const on = async (day: string) => (await httpAs(app, 'channel').get(`/tax-rates?taxCode=${taxCode}&validOn=${day}`).expect(200)).body;
    expect((await on('2026-06-30')).items.map((r: { countryCode: string; regionCode: string | null; ratePercent: string }) => [r.countryCode, r.regionCode, r.ratePercent]))
      .toEqual([['DE', null, '19.0000'], ['US', 'NY', '8.8750']]);
    expect((await on('2026-07-01')).items.map((r: { ratePercent: string }) => r.ratePercent)).toEqual(['16.0001', '8.8750']);
    expect((await on('2027-01-01')).items.map((r: { ratePercent: string }) => r.ratePercent)).toEqual(['16.0001']);
    await httpAs(app, 'ops').get(`/tax-rates/${old.body.rateId}`).expect(200).expect((r) => expect(r.body.validTo).toBe('2026-06-30'));
    await httpAs(app, 'customer', 'cust-1').get('/tax-rates').expect(403);

    const stored = await prismaOf(app).taxRate.findMany({ where: { taxCode }, orderBy: { validFrom: 'asc' } });
    expect(stored.map((r) => r.ratePpm)).toEqual([190_000, 88_750, 160_001]);
    const changes = await prismaOf(app).taxRateChange.findMany({ where: { rateId: old.body.rateId }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => [c.before, c.after, c.actorSub, c.actorRole])).toEqual([
      [null, { ratePercent: '19.0000', validFrom: '2020-01-01', validTo: null }, 'admin-tax', 'admin'],
      [{ ratePercent: '19.0000', validFrom: '2020-01-01', validTo: null }, { ratePercent: '19.0000', validFrom: '2020-01-01', validTo: '2026-06-30' }, 'admin-tax', 'admin'],
    ]);
  });

  it('refuses bad rates naming the field, writing nothing', async () => {
    const taxCode = code();
    const bad = await http(app).post('/tax-rates').send({ taxCode: 'VAT 21', countryCode: 'Netherlands', regionCode: 'North Holland', ratePercent: 21.5, validFrom: '2026-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['countryCode', 'ratePercent', 'regionCode', 'taxCode', 'validFrom']);
    const tooPrecise = await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '21.00001', validFrom: '2026-01-01' }).expect(400);
    expect(tooPrecise.body.errors.map((e: { field: string }) => e.field)).toEqual(['ratePercent']);
    await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '100.5', validFrom: '2026-01-01' }).expect(400);
    const backwards = await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '21', validFrom: '2026-01-01', validTo: '2025-12-31' }).expect(422);
    expect(backwards.body.errors[0].field).toBe('validTo');
    await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '21', validFrom: '2026-01-01', colour: 'red' }).expect(400);
    expect(await prismaOf(app).taxRate.count({ where: { taxCode } })).toBe(0);
    const { body: rate } = await http(app).post('/tax-rates').send({ taxCode, countryCode: 'NL', ratePercent: '21', validFrom: '2026-01-01' }).expect(201);
    await http(app).patch(`/tax-rates/${rate.rateId}`).send({ validTo: '2025-12-31' }).expect(422);
    await http(app).patch(`/tax-rates/${rate.rateId}`).send({ validTo: null }).expect(400);
    await http(app).patch(`/tax-rates/${randomUUID()}`).send({ validTo: '2026-12-31' }).expect(404);
  });

  it('keeps prices tax-exclusive unless a currency is listed as tax-inclusive, each change logged', async () => {
    await httpAs(app, 'csr').put('/settings/tax').send({ taxInclusiveCurrencies: ['EUR'] }).expect(403);
    await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: [] }).expect(200);
    expect((await httpAs(app, 'csr').get('/settings/tax').expect(200)).body.taxInclusiveCurrencies).toEqual([]);
    const set = await httpAs(app, 'admin', 'admin-tax').put('/settings/tax').send({ taxInclusiveCurrencies: ['GBP', 'EUR'] }).expect(200);
    expect(set.body.taxInclusiveCurrencies).toEqual(['EUR', 'GBP']);
    const bad = await http(app).put('/settings/tax').send({ taxInclusiveCurrencies: ['eur', 'EUR', 'EUR'] }).expect(400);
    expect(bad.body.errors.every((e: { field: string }) => e.field.startsWith('taxInclusiveCurrencies'))).toBe(true);
    const last = await prismaOf(app).orderSettingChange.findFirst({ where: { key: 'tax', actorSub: 'admin-tax' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ value: { taxInclusiveCurrencies: ['EUR', 'GBP'] }, actorRole: 'admin' });
  });
});
