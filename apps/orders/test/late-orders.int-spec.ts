import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, http, orderDue, prismaOf, resetOrders, startOrders, waitForCycleOrder } from './support/orders-test-kit';

const HOUR = 3_600_000;
const T0 = new Date('2026-04-01T08:00:00Z');

describe('orders: delivery modes, late-order thresholds and the watchdog', () => {
  const clock = new ControllableClock(T0);
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    clock.set(T0);
    await resetOrders(app);
    await http(app).put('/settings/late-orders').send({ defaults: { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 }, rules: [] }).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const place = async (body: Record<string, unknown> = {}): Promise<string> => {
    const order = { customerId: 'cust-late', customerEmail: 'lou@example.com', channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }], ...body };
    return (await http(app).post('/orders').send(order).expect(201)).body.orderId as string;
  };

  it('keeps delivery modes over HTTP: standard and express seeded, admin adds and changes, every change kept with its actor', async () => {
    const seeded = (await httpAs(app, 'csr').get('/delivery-modes').expect(200)).body.items as Array<{ code: string; promisedShipMinutes: number }>;
    expect(seeded.map((m) => [m.code, m.promisedShipMinutes])).toEqual(expect.arrayContaining([['express', 1440], ['standard', 2880]]));
    const code = `same-day-${randomUUID().slice(0, 6)}`;
    await httpAs(app, 'csr').post('/delivery-modes').send({ code, name: 'Same day', promisedShipMinutes: 360 }).expect(403);
    const created = await http(app).post('/delivery-modes').send({ code, name: 'Same day', promisedShipMinutes: 360 }).expect(201);
    expect(created.body).toMatchObject({ code, promisedShipMinutes: 360, active: true });
    const again = await http(app).post('/delivery-modes').send({ code, name: 'Same day', promisedShipMinutes: 360 }).expect(409);
    expect(again.body.errors[0].field).toBe('code');
    const bad = await http(app).post('/delivery-modes').send({ code: 'Same Day', name: 'x', promisedShipMinutes: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'promisedShipMinutes']);
    await http(app).patch(`/delivery-modes/${code}`).send({ promisedShipMinutes: 240, active: false }).expect(200);
    const refused = await http(app).patch('/delivery-modes/standard').send({ active: false }).expect(409);
    expect(refused.body.errors[0].field).toBe('active');
    await http(app).patch('/delivery-modes/nope').send({ name: 'x' }).expect(404);
    const inactive = await http(app).post('/orders').send({ customerId: 'c', channel: 'web', currency: 'EUR', deliveryMode: code, lines: [{ productId: coffee.productId, quantity: 1 }] }).expect(422);
    expect(inactive.body.errors[0]).toMatchObject({ field: 'deliveryMode', messages: [`delivery mode ${code} is not active`] });
    const changes = await prismaOf(app).deliveryModeChange.findMany({ where: { code }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => [c.before, c.after, c.actorSub, c.actorRole])).toEqual([
      [null, { name: 'Same day', promisedShipMinutes: 360, active: true }, 'admin-1', 'admin'],
      [{ name: 'Same day', promisedShipMinutes: 360, active: true }, { name: 'Same day', promisedShipMinutes: 240, active: false }, 'admin-1', 'admin'],
    ]);
  });

  it('records the delivery mode and promisedShipBy on every order, subscription cycles included', async () => {
    const express = await getOrder(app, await place({ deliveryMode: 'express', channel: 'call-center' }));
    expect(express).toMatchObject({ deliveryMode: 'express', promisedShipBy: new Date(T0.getTime() + 24 * HOUR).toISOString(), lateNoticedAt: null });
    const standard = await getOrder(app, await place());
    expect(standard).toMatchObject({ deliveryMode: 'standard', promisedShipBy: new Date(T0.getTime() + 48 * HOUR).toISOString() });
    const due = orderDue(randomUUID(), 0, [{ product: coffee, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [due]);
    const cycle = await getOrder(app, await waitForCycleOrder(app, due.data.cycleKey));
    expect(cycle).toMatchObject({ deliveryMode: 'standard', promisedShipBy: new Date(T0.getTime() + 48 * HOUR).toISOString() });
    const [created] = await events.waitFor((e) => e.subject === express.orderId && e.type === EventTypes.orderCreated);
    expect(created!.data).toMatchObject({ deliveryMode: 'express', promisedShipBy: express.promisedShipBy });
  });

  it('sets thresholds per channel and delivery mode, refusing contradictions by field, and keeps who set them', async () => {
    const rules = [{ channel: 'call-center', deliveryMode: 'express', noticeAfterMinutes: 120, cancelAfterMinutes: 720 }, { channel: 'web', noticeAfterMinutes: 360, cancelAfterMinutes: 2880 }];
    const set = await http(app).put('/settings/late-orders').send({ rules }).expect(200);
    expect(set.body).toMatchObject({ defaults: { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 }, rules });
    expect((await httpAs(app, 'csr').get('/settings/late-orders').expect(200)).body.rules).toEqual(rules);
    await httpAs(app, 'csr').put('/settings/late-orders').send({ rules }).expect(403);
    const inverted = await http(app).put('/settings/late-orders').send({ rules: [{ channel: 'web', noticeAfterMinutes: 600, cancelAfterMinutes: 300 }] }).expect(422);
    expect(inverted.body.errors[0].field).toBe('rules.0.cancelAfterMinutes');
    const unscoped = await http(app).put('/settings/late-orders').send({ rules: [{ noticeAfterMinutes: 60, cancelAfterMinutes: 300 }] }).expect(422);
    expect(unscoped.body.errors[0].field).toBe('rules.0');
    const unknown = await http(app).put('/settings/late-orders').send({ rules: [{ deliveryMode: 'teleport', noticeAfterMinutes: 60, cancelAfterMinutes: 300 }] }).expect(422);
    expect(unknown.body.errors[0].field).toBe('rules.0.deliveryMode');
    const typed = await http(app).put('/settings/late-orders').send({ defaults: { noticeAfterMinutes: 'soon', cancelAfterMinutes: 300 } }).expect(400);
    expect(typed.body.errors[0].field).toBe('defaults.noticeAfterMinutes');
    expect((await http(app).get('/settings/late-orders').expect(200)).body.rules).toEqual(rules);
    const last = await prismaOf(app).orderSettingChange.findFirstOrThrow({ where: { key: 'late-orders' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ actorRole: 'admin', value: { rules } });
  });
});
