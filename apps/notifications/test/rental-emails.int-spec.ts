import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { fixtures, Topics, type ShipmentStatus } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { httpAs, publishTestEvents, waitFor } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { checkInEventId } from '../src/rental/rental-event-id';
import { handled, http, orderEvent, prismaOf, resetNotifications, sleep, startNotifications, startSink, OPS, STORE_MANAGER, type MailSink } from './support/notifications-test-kit';

describe('rental emails', () => {
  const start = new Date('2026-03-01T08:00:00Z');
  const clock = new ControllableClock(start);
  let sink: MailSink;
  let app: INestApplication;
  let prisma: PrismaService;

  beforeAll(async () => {
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock });
    prisma = await prismaOf(app);
  });
  beforeEach(async () => {
    await resetNotifications(app);
    clock.set(start);
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  const fresh = () => ({ subscriptionId: randomUUID(), customerId: `cust-${randomUUID().slice(0, 8)}`, customerEmail: `${randomUUID().slice(0, 8)}@example.com` });
  /** Sent mail of one subscription or order, as [template, recipient] pairs, once `count` arrived (and a moment more, to catch doubles). */
  const sentFor = async (id: string, count: number) => {
    const probe = async () => (await sink.messages()).filter((m) => m.text.includes(id));
    await waitFor(probe, (found) => found.length >= count, { what: `${count} email(s) about ${id}` });
    await sleep(600); // several dispatch rounds: a double would show up
    return (await probe()).map((m) => [m.headers['x-oms-template'], m.to[0]]).sort();
  };
  const messages = (where: object) => prisma.message.findMany({ where, orderBy: [{ template: 'asc' }, { recipient: 'asc' }] });

  it('answers the settings with their defaults, validates a change naming the field and lets ops change them', async () => {
    expect((await http(app).get('/settings/notifications').expect(200)).body).toEqual({
      storeManagerEmail: STORE_MANAGER, opsEmail: OPS, checkInDay: 10, updatedAt: null,
      statusReminders: [{ status: 'subscription-end-request', afterDays: 14, to: 'customer' }, { status: 'returned', afterDays: 3, to: 'store-manager' }],
    });
    const field = async (body: object) => (await http(app).put('/settings/notifications').send(body).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field({ storeManagerEmail: 'not-an-address' })).toEqual(['storeManagerEmail']);
    expect(await field({ storeManagerEmail: null })).toEqual(['storeManagerEmail']);
    expect(await field({ checkInDay: 0 })).toEqual(['checkInDay']);
    expect(await field({ statusReminders: [{ status: 'lost', afterDays: 3, to: 'customer' }] })).toEqual(['statusReminders.0.status']);
    expect(await field({ statusReminders: [{ status: 'returned', afterDays: 3, to: 'store-manager' }, { status: 'returned', afterDays: 3, to: 'store-manager' }] })).toEqual(['statusReminders']);
    await httpAs(app, 'csr').put('/settings/notifications').send({ checkInDay: 5 }).expect(403);
    await httpAs(app, 'customer', 'cust-1').get('/settings/notifications').expect(403);

    const changed = await httpAs(app, 'ops').put('/settings/notifications').send({ storeManagerEmail: 'manager@shop.example', checkInDay: 7 }).expect(200);
    expect(changed.body).toMatchObject({ storeManagerEmail: 'manager@shop.example', checkInDay: 7, statusReminders: [{ status: 'subscription-end-request' }, { status: 'returned' }] });
    expect(changed.body.updatedAt).toEqual(expect.any(String));
    expect((await httpAs(app, 'ops').get('/settings/notifications').expect(200)).body).toEqual(changed.body);
    const [audit] = await prisma.notificationSettingChange.findMany({ orderBy: { id: 'desc' }, take: 1 });
    expect(audit).toMatchObject({ key: 'notifications', actorSub: 'ops-1', actorRole: 'ops', value: { storeManagerEmail: 'manager@shop.example', checkInDay: 7 } });
  });

  it('sends a new rental order\'s confirmation to the customer and a notice to the store manager, once, and no notice for a fee or goods order', async () => {
    await http(app).put('/settings/notifications').send({ storeManagerEmail: 'manager@shop.example' }).expect(200);
    const sub = fresh();
    const line = { lineId: 'l1', productId: randomUUID(), quantity: 1, unitPriceMinor: 4900 };
    const rental = orderEvent('orderCreated', { ...sub, lines: [{ ...line, sku: 'BIKE-CITY', kind: 'rental' }] });
    const fee = orderEvent('orderCreated', { ...sub, lines: [{ ...line, sku: 'BIKE-CITY', kind: 'rental-fee' }] });
    const goods = orderEvent('orderCreated', { lines: [{ ...line, sku: 'COFFEE-1KG', kind: 'goods' }] });
    await publishTestEvents(Topics.order, [rental, fee, goods]);
    await publishTestEvents(Topics.order, [rental]); // redelivered
    await Promise.all([rental, fee, goods].map((e) => handled(app, e.id)));

    expect(await sentFor(rental.data.orderNumber, 2)).toEqual([['order-confirmation', sub.customerEmail], ['rental-order-notice', 'manager@shop.example']]);
    const notice = (await sink.messages()).find((m) => m.headers['x-oms-template'] === 'rental-order-notice')!;
    expect(notice.subject).toBe(`New rental order ${rental.data.orderNumber}`);
    expect(notice.text).toContain('BIKE-CITY, 1');
    expect((await messages({ eventId: fee.id })).map((m) => m.template)).toEqual(['order-confirmation']);
    expect((await messages({ eventId: goods.id })).map((m) => m.template)).toEqual(['order-confirmation']);
  });

  it('sends swap and end requests to the customer and the store manager, once each, however often they are delivered', async () => {
    const sub = fresh();
    const swap = { lineId: 'l1', fromProductId: randomUUID(), fromSku: 'BIKE-CITY', toProductId: randomUUID(), toSku: 'BIKE-CARGO' };
    const swapped = fixtures.subscriptionSwapRequested({ ...sub, rental: true, swap, startDate: '2026-03-01' });
    const ended = fixtures.subscriptionEndRequested({ ...sub, rental: true, startDate: '2026-03-01' });
    await publishTestEvents(Topics.subscriptionLifecycle, [swapped, ended, swapped, ended]);
    await handled(app, ended.id);

    expect(await sentFor(sub.subscriptionId, 4)).toEqual([
      ['rental-end-request', sub.customerEmail], ['rental-end-request', STORE_MANAGER],
      ['rental-swap-request', sub.customerEmail], ['rental-swap-request', STORE_MANAGER],
    ]);
    const mails = await sink.messages();
    expect(mails.find((m) => m.headers['x-oms-template'] === 'rental-swap-request' && m.to[0] === STORE_MANAGER)!.subject).toBe('Swap request: BIKE-CITY to BIKE-CARGO');
    expect(mails.find((m) => m.headers['x-oms-template'] === 'rental-end-request' && m.to[0] === sub.customerEmail)!.subject).toBe('We received your request to end your rental');
    expect(await prisma.message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(4);
  });

  it('sends the check-in on day N by the business clock (start date plus N days, in the subscription\'s zone), once per subscription', async () => {
    const sub = fresh();
    const created = fixtures.subscriptionCreated({ ...sub, status: 'active', rental: true, startDate: '2026-03-01', timeZone: 'Europe/Amsterdam' });
    const goods = fresh();
    const goodsCreated = fixtures.subscriptionCreated({ ...goods, status: 'active', startDate: '2026-03-01', timeZone: 'Europe/Amsterdam' });
    await publishTestEvents(Topics.subscriptionLifecycle, [created, goodsCreated]);
    await Promise.all([created, goodsCreated].map((e) => handled(app, e.id))); // two subscriptions: either may come first
    expect(await prisma.rentalCheckIn.findMany({ where: { subscriptionId: { in: [sub.subscriptionId, goods.subscriptionId] } } }))
      .toMatchObject([{ subscriptionId: sub.subscriptionId, status: 'scheduled', startDate: '2026-03-01' }]);

    clock.set(new Date('2026-03-10T22:59:59.999Z')); // 23:59:59 on day 10 in Amsterdam
    await sleep(800);
    expect(await prisma.message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(0);

    clock.set(new Date('2026-03-10T23:00:00Z')); // 11 March 00:00 in Amsterdam: 1 March + 10 days
    expect(await sentFor(sub.subscriptionId, 1)).toEqual([['rental-check-in', sub.customerEmail]]);
    const [mail] = (await sink.messages()).filter((m) => m.headers['x-oms-template'] === 'rental-check-in' && m.to[0] === sub.customerEmail);
    expect(mail).toMatchObject({ subject: 'How is your rental going?' });
    expect(mail!.headers['x-oms-event']).toBe(checkInEventId(sub.subscriptionId));

    // Later events of the subscription and later days send nothing more.
    const activated = fixtures.subscriptionActivated({ ...sub, rental: true, startDate: '2026-03-01' });
    await publishTestEvents(Topics.subscriptionLifecycle, [activated]);
    await handled(app, activated.id);
    clock.set(new Date('2026-04-20T00:00:00Z'));
    expect(await sentFor(sub.subscriptionId, 1)).toHaveLength(1);
    expect(await prisma.message.count({ where: { subscriptionId: goods.subscriptionId } })).toBe(0);
  });

  it('sends no check-in for a rental already past day N when first seen, and reads an unknown zone as UTC', async () => {
    clock.set(new Date('2026-03-20T12:00:00Z'));
    const late = fresh();
    const unknownZone = fresh();
    const events = [
      fixtures.subscriptionCreated({ ...late, status: 'active', rental: true, startDate: '2026-03-01', timeZone: 'Europe/Amsterdam' }),
      fixtures.subscriptionCreated({ ...unknownZone, status: 'active', rental: true, startDate: '2026-03-20', timeZone: 'Mars/Olympus_Mons' }),
    ];
    await publishTestEvents(Topics.subscriptionLifecycle, events);
    await Promise.all(events.map((e) => handled(app, e.id))); // keyed by subscription: two partitions, either order
    expect(await prisma.rentalCheckIn.findUnique({ where: { subscriptionId: late.subscriptionId } })).toMatchObject({ status: 'expired' });
    expect(await prisma.rentalCheckIn.findUnique({ where: { subscriptionId: unknownZone.subscriptionId } })).toMatchObject({ status: 'scheduled', timeZone: null });

    clock.set(new Date('2026-03-30T00:00:00Z')); // 20 March + 10 days, midnight UTC
    expect(await sentFor(unknownZone.subscriptionId, 1)).toEqual([['rental-check-in', unknownZone.customerEmail]]);
    expect(await prisma.message.count({ where: { subscriptionId: late.subscriptionId } })).toBe(0);
  });

  it('fires each status reminder rule once per delivery that stays in its status N days; a delivery that moves on gets none', async () => {
    await http(app).put('/settings/notifications').send({
      statusReminders: [{ status: 'returned', afterDays: 3, to: 'store-manager' }, { status: 'subscription-end-request', afterDays: 2, to: 'customer' }],
    }).expect(200);
    const sub = fresh();
    const order = orderEvent('orderCreated', { ...sub });
    const status = (shipmentId: string, s: ShipmentStatus, occurredAt: string) => fixtures.shipmentStatusChanged({
      shipmentId, orderId: order.data.orderId, status: s, occurredAt, kind: 'rental',
      rental: { unitId: randomUUID(), serial: 'SN-1', sku: 'BIKE-CITY', subscriptionId: sub.subscriptionId, lineId: 'l1', orderReturnsClosed: false },
    });
    const [returnedOne, ending, movedOn] = [`shp-${randomUUID()}`, `shp-${randomUUID()}`, `shp-${randomUUID()}`];
    const events = [
      status(returnedOne, 'returned', '2026-03-01T08:00:00.000Z'),
      status(ending, 'subscription-end-request', '2026-03-01T08:00:00.000Z'),
      status(movedOn, 'returned', '2026-03-01T08:00:00.000Z'),
      status(movedOn, 'checked', '2026-03-02T08:00:00.000Z'),
    ];
    await publishTestEvents(Topics.order, [order]);
    await publishTestEvents(Topics.shipment, events);
    await Promise.all([order, ...events].map((e) => handled(app, e.id)));

    clock.set(new Date('2026-03-03T07:59:00Z')); // end request open 2 days less a minute
    await sleep(800);
    expect(await prisma.message.count({ where: { template: 'rental-status-reminder' } })).toBe(0);

    clock.set(new Date('2026-03-04T08:00:00Z')); // both rules due
    await waitFor(() => prisma.message.count({ where: { template: 'rental-status-reminder', status: 'sent' } }), (n) => n >= 2, { what: 'two status reminders sent' });
    clock.set(new Date('2026-03-20T08:00:00Z')); // much later: still once per rule and delivery
    await publishTestEvents(Topics.shipment, [events[0]!]); // and a redelivered status changes nothing
    await handled(app, events[0]!.id);
    await sleep(800);
    const reminders = await messages({ template: 'rental-status-reminder' });
    expect(reminders.map((m) => [m.orderId, m.recipient, m.status])).toEqual(
      [[order.data.orderId, sub.customerEmail, 'sent'], [order.data.orderId, STORE_MANAGER, 'sent']].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );
    expect(reminders.find((m) => m.recipient === STORE_MANAGER)!.subject).toBe(`Reminder: delivery ${returnedOne} is still returned`);
    expect(reminders.find((m) => m.recipient === STORE_MANAGER)!.correlationId).toBe(events[0]!.correlationid); // traced to the status change
    expect(reminders.find((m) => m.recipient === sub.customerEmail)!.body).toContain('Please send the item back');
  });
});
