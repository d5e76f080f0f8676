import type { INestApplication } from '@nestjs/common';
import { EventTypes, fixtures, Topics, type MessageOutcomeV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import {
  handled, http, mailsFor, messagesOf, OPS, orderEvent, prismaOf, resetNotifications, sleep, startNotifications, startSink, STORE_MANAGER, type MailSink,
} from './support/notifications-test-kit';

describe('order emails', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;
  let outcomes: EventCollector;

  beforeAll(async () => {
    outcomes = await EventCollector.start([Topics.message]);
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock });
  });
  beforeEach(async () => resetNotifications(app));
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
    await outcomes?.stop();
  });

  const httpAsCustomer = (customerId: string) => httpAs(app, 'customer', customerId);
  const outcomeOf = async (messageId: string) =>
    (await outcomes.waitFor((e) => (e.data as MessageOutcomeV1).messageId === messageId))[0]!;

  it('shows subtotal, tax and total in the confirmation of an order placed with sales tax', async () => {
    const created = orderEvent('orderCreated', {
      totalMinor: 5352, totals: { subtotalMinor: 4497, discountMinor: 0, chargesMinor: 0, taxMinor: 855, totalMinor: 5352, pricesIncludeTax: false, taxStatus: 'calculated' },
    });
    await publishTestEvents(Topics.order, [created]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id);
    expect(mail!.text).toContain(['Subtotal: EUR 44.97', 'Tax: EUR 8.55', 'Total: EUR 53.52'].join('\n'));
  });

  it('sends a backlog of several rounds, two of them in flight at once, each message once', async () => {
    const created = Array.from({ length: 60 }, () => orderEvent('orderCreated')); // 3 connections: rounds of 21
    await publishTestEvents(Topics.order, created);
    const ids = new Set(created.map((event) => event.id));
    const prisma = await prismaOf(app);
    const rows = await waitFor(() => prisma.message.findMany({ where: { eventId: { in: [...ids] } } }),
      (found) => found.length === 60 && found.every((row) => row.status === 'sent'), { timeoutMs: 60000, what: '60 messages sent' });
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    await sleep(500); // a second send of any message would have reached the sink by now
    const sentIds = (await sink.messages()).filter((m) => ids.has(m.headers['x-oms-event']!)).map((m) => m.headers['x-oms-message-id']);
    expect(sentIds.sort()).toEqual(rows.map((row) => row.id).sort());
    for (const row of rows) await outcomeOf(row.id);
  });

  it('confirms an order once, even when its created event is delivered twice', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created, created]);

    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id);
    expect(mail).toMatchObject({ from: 'no-reply@oms.local', to: [created.data.customerEmail], subject: `Order ${created.data.orderNumber} confirmed` });
    expect(mail!.text).toContain('3 x COFFEE-1KG at EUR 14.99 = EUR 44.97');
    expect(mail!.text).toContain('Total: EUR 44.97');
    expect(mail!.html).toContain('<td>COFFEE-1KG</td>');
    expect(mail!.headers['x-oms-template']).toBe('order-confirmation');

    const [message] = await messagesOf(app, created.id, (rows) => rows[0]?.status === 'sent');
    expect(mail!.headers['x-oms-message-id']).toBe(message!.id);
    expect(message).toMatchObject({ attempts: 1, recipient: created.data.customerEmail, orderId: created.data.orderId, providerMessageId: mail!.messageId });
    const sent = await outcomeOf(message!.id);
    expect(sent).toMatchObject({ type: EventTypes.messageSent, correlationid: created.correlationid, causationid: created.id });
    expect([sent.actorsub, sent.actorrole]).toEqual(['system:notifications', 'system']); // sending is the dispatcher's own doing
    expect(sent.data).toMatchObject({ template: 'order-confirmation', recipient: created.data.customerEmail, relatedEventId: created.id, attempts: 1 });

    await sleep(1500); // a second email would arrive within a few dispatch rounds
    expect((await sink.messages()).filter((m) => m.headers['x-oms-event'] === created.id)).toHaveLength(1);
    expect(await messagesOf(app, created.id, () => true)).toHaveLength(1);
  });

  it('confirms an order once when it is created again after a hold was released (another created event)', async () => {
    const created = orderEvent('orderCreated');
    const held = { ...orderEvent('orderOnHold', created.data) };
    const releasedAgain = orderEvent('orderCreated', created.data);
    await publishTestEvents(Topics.order, [created, held, releasedAgain]);
    await handled(app, releasedAgain.id);

    await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id);
    await sleep(1500); // a second email would arrive within a few dispatch rounds
    const confirmations = (await sink.messages()).filter((m) => m.to.includes(created.data.customerEmail!) && m.headers['x-oms-template'] === 'order-confirmation');
    expect(confirmations.map((m) => m.headers['x-oms-event'])).toEqual([created.id]);
    expect(await (await prismaOf(app)).message.count({ where: { orderId: created.data.orderId, template: 'order-confirmation' } })).toBe(1);
  });

  it('sends nothing twice even if the inbox forgot the event: (event, template, recipient) is unique', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    await messagesOf(app, created.id, (rows) => rows[0]?.status === 'sent');
    const prisma = await prismaOf(app);
    await prisma.$executeRaw`DELETE FROM processed_event WHERE event_id = ${created.id}::uuid`;
    await publishTestEvents(Topics.order, [created]);
    await handled(app, created.id);
    await sleep(1000);
    expect(await messagesOf(app, created.id, () => true)).toMatchObject([{ status: 'sent', attempts: 1 }]);
    expect((await sink.messages()).filter((m) => m.headers['x-oms-event'] === created.id)).toHaveLength(1);
  });

  it('tells operations of a fraud hold, with the rules that fired, once; the customer hears nothing of it', async () => {
    const held = orderEvent('orderOnHold', { customerEmail: 'mallory@example.com' });
    await publishTestEvents(Topics.order, [held, held]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === held.id);
    expect(mail).toMatchObject({ to: [OPS], subject: `Fraud hold: order ${held.data.orderNumber} (score 70)` });
    expect(mail!.headers['x-oms-template']).toBe('fraud-hold');
    expect(mail!.text).toContain('Placed by system:orders (system): fraud score 70 reached 50');
    expect(mail!.text).toContain('  countryMismatch (+30): ships to NL, billed in DE');
    expect(mail!.text).toContain(`POST /orders/${held.data.orderId}/holds/${held.data.placedHolds![0]!.holdId}/clear`);
    const rows = await messagesOf(app, held.id, (found) => found[0]?.status === 'sent');
    expect(rows).toMatchObject([{ template: 'fraud-hold', recipient: OPS, audience: 'ops', orderId: held.data.orderId }]);
    const own = await httpAsCustomer(held.data.customerId).get('/messages').expect(200);
    expect(own.body.total).toBe(0);

    // Another hold on an order already held: only a fraud hold tells operations; a changed address is used from then on.
    await http(app).put('/settings/notifications').send({ opsEmail: 'fraud-desk@shop.example' }).expect(200);
    const manual = orderEvent('orderHoldPlaced');
    const byPerson = orderEvent('orderHoldPlaced', { placedHolds: [{ ...manual.data.placedHolds![0]!, type: 'fraud', reason: 'caller gave two addresses' }] });
    await publishTestEvents(Topics.order, [manual, byPerson]);
    const [second] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === byPerson.id);
    expect(second).toMatchObject({ to: ['fraud-desk@shop.example'], subject: `Fraud hold: order ${byPerson.data.orderNumber}` });
    await handled(app, manual.id);
    expect(await messagesOf(app, manual.id, () => true)).toEqual([]);
  });

  it('records a skipped message, and sends nothing, when the order has no email address', async () => {
    const created = orderEvent('orderCreated', { customerEmail: undefined });
    await publishTestEvents(Topics.order, [created]);
    const [message] = await messagesOf(app, created.id, (rows) => rows.length === 1);
    expect(message).toMatchObject({ status: 'skipped', recipient: '', lastError: 'skipped: no email address', attempts: 0 });
  });

  it('tells the customer and the store manager when an order is backordered', async () => {
    const backordered = orderEvent('orderBackordered', { status: 'backordered', stockOutcome: 'backordered' });
    await publishTestEvents(Topics.order, [backordered]);
    const mails = await mailsFor(sink, (m) => m.headers['x-oms-event'] === backordered.id, 2);
    const byRecipient = Object.fromEntries(mails.map((m) => [m.to[0], m]));
    expect(byRecipient[backordered.data.customerEmail!]!.subject).toBe(`Order ${backordered.data.orderNumber}: items out of stock`);
    expect(byRecipient[backordered.data.customerEmail!]!.text).toMatch(/ships as soon as they are back/);
    expect(byRecipient[STORE_MANAGER]!.subject).toBe(`Out of stock: order ${backordered.data.orderNumber} backordered`);
    expect(byRecipient[STORE_MANAGER]!.text).toContain(backordered.data.customerId);
    expect(mails.every((m) => m.headers['x-oms-template'] === 'out-of-stock')).toBe(true);
  });

  it('sends out-of-stock notices for an out-of-stock cancellation, and nothing for another cancellation', async () => {
    const skipped = orderEvent('orderCancelled', { status: 'cancelled', reason: 'out-of-stock: cycle skipped', stockOutcome: 'skipped' });
    const byCustomer = orderEvent('orderCancelled', { status: 'cancelled', reason: 'customer changed their mind' });
    await publishTestEvents(Topics.order, [byCustomer, skipped]);
    const mails = await mailsFor(sink, (m) => m.headers['x-oms-event'] === skipped.id, 2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([skipped.data.customerEmail, STORE_MANAGER].sort());
    expect(mails.find((m) => m.to[0] === skipped.data.customerEmail)!.text).toMatch(/cancelled and you will not be charged[\s\S]*Reason: out-of-stock: cycle skipped/);
    await messagesOf(app, skipped.id, (rows) => rows.length === 2 && rows.every((r) => r.status === 'sent'));
    expect(await messagesOf(app, byCustomer.id, () => true)).toEqual([]);
  });

  it('tells the customer their order shipped, with the order number from the read model', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    await messagesOf(app, created.id, (rows) => rows.length === 1);
    const shipped = fixtures.shipmentStatusChanged({
      orderId: created.data.orderId, status: 'shipped', occurredAt: '2026-03-02T10:00:00.000Z', carrier: 'DHL', trackingNumber: 'JD0001',
    });
    const delivered = fixtures.shipmentStatusChanged({ orderId: created.data.orderId, status: 'delivered', occurredAt: '2026-03-03T10:00:00.000Z' });
    await publishTestEvents(Topics.shipment, [shipped, delivered]);

    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === shipped.id);
    expect(mail).toMatchObject({ to: [created.data.customerEmail], subject: `Order ${created.data.orderNumber} has shipped` });
    expect(mail!.text).toBe(`Your order ${created.data.orderNumber} left our warehouse on Monday, 2 March 2026 at 10:00 (UTC).\nCarrier: DHL\nTracking number: JD0001`);
    const [message] = await messagesOf(app, shipped.id, (rows) => rows[0]?.status === 'sent');
    expect(message).toMatchObject({ template: 'order-shipped', customerId: created.data.customerId, orderId: created.data.orderId });
    expect(await messagesOf(app, delivered.id, () => true)).toEqual([]);
  });

  it('holds a shipment whose order is not known yet and sends its email when the order arrives', async () => {
    const created = orderEvent('orderCreated');
    const shipped = fixtures.shipmentStatusChanged({ orderId: created.data.orderId, status: 'shipped', occurredAt: '2026-03-02T10:00:00.000Z' });
    await publishTestEvents(Topics.shipment, [shipped]);
    await handled(app, shipped.id);
    expect(await messagesOf(app, shipped.id, () => true)).toEqual([]);

    await publishTestEvents(Topics.order, [created]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === shipped.id);
    expect(mail).toMatchObject({ to: [created.data.customerEmail], subject: `Order ${created.data.orderNumber} has shipped` });
    await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id);
    expect(await (await prismaOf(app)).deferredShipment.count({ where: { orderId: created.data.orderId } })).toBe(0);
  });
});
