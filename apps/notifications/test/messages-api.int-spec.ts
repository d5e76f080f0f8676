import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { httpAs, publishTestEvents } from '@oms/testing';
import {
  http, messagesOf, orderEvent, resetNotifications, startNotifications, startSink, STORE_MANAGER, type MailSink,
} from './support/notifications-test-kit';

describe('messages API', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;

  beforeAll(async () => {
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock });
  });
  beforeEach(async () => resetNotifications(app));
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  it('lists a customer\'s messages newest first, filtered by order, subscription and status, in pages', async () => {
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    const subscriptionId = randomUUID();
    const first = orderEvent('orderCreated', { customerId, subscriptionId });
    await publishTestEvents(Topics.order, [first]);
    await messagesOf(app, first.id, (rows) => rows[0]?.status === 'sent');
    const second = orderEvent('orderBackordered', { customerId, status: 'backordered' }); // to the customer and the store manager
    const unaddressed = orderEvent('orderCreated', { customerId, customerEmail: undefined });
    await publishTestEvents(Topics.order, [second]);
    await messagesOf(app, second.id, (rows) => rows.length === 2 && rows.every((r) => r.status === 'sent'));
    await publishTestEvents(Topics.order, [unaddressed]);
    await messagesOf(app, unaddressed.id, (rows) => rows.length === 1);

    const all = (await http(app).get(`/messages?customerId=${customerId}`).expect(200)).body;
    expect(all.total).toBe(4);
    expect(all.items.map((m: { orderId: string }) => m.orderId)).toEqual([unaddressed.data.orderId, second.data.orderId, second.data.orderId, first.data.orderId]);
    expect(all.items[0]).toMatchObject({ status: 'skipped', recipient: null, lastError: 'skipped: no email address', template: 'order-confirmation' });

    const byOrder = (await http(app).get(`/messages?orderId=${second.data.orderId}`).expect(200)).body;
    expect(byOrder.items.map((m: { recipient: string }) => m.recipient).sort()).toEqual([second.data.customerEmail, STORE_MANAGER].sort());
    const bySubscription = (await http(app).get(`/messages?subscriptionId=${subscriptionId}`).expect(200)).body;
    expect(bySubscription).toMatchObject({ total: 1, items: [{ orderId: first.data.orderId, template: 'order-confirmation', status: 'sent', attempts: 1 }] });
    const skipped = (await http(app).get(`/messages?customerId=${customerId}&status=skipped`).expect(200)).body;
    expect(skipped.items.map((m: { orderId: string }) => m.orderId)).toEqual([unaddressed.data.orderId]);

    // The customer sees the messages for them, never the store manager's copy about their order.
    const own = (await httpAs(app, 'customer', customerId).get('/messages').expect(200)).body;
    expect(own.items.map((m: { recipient: string | null }) => m.recipient)).toEqual([null, second.data.customerEmail, first.data.customerEmail]);
    const copy = byOrder.items.find((m: { recipient: string }) => m.recipient === STORE_MANAGER);
    expect(copy).toMatchObject({ audience: 'store-manager', customerId });
    await httpAs(app, 'customer', customerId).get(`/messages/${copy.messageId}`).expect(404);
    await httpAs(app, 'customer', customerId).get(`/messages/${own.items[1].messageId}`).expect(200);

    const page = (await http(app).get(`/messages?customerId=${customerId}&limit=2&offset=2`).expect(200)).body;
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(page.items.map((m: { messageId: string }) => m.messageId)).toEqual(all.items.slice(2).map((m: { messageId: string }) => m.messageId));
  });

  it('shows one message with its body and delivery details', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    const [row] = await messagesOf(app, created.id, (rows) => rows[0]?.status === 'sent');
    const message = (await http(app).get(`/messages/${row!.id}`).expect(200)).body;
    expect(message).toMatchObject({
      messageId: row!.id, eventId: created.id, eventType: 'orders.order.created.v1', correlationId: created.correlationid,
      template: 'order-confirmation', recipient: created.data.customerEmail, customerId: created.data.customerId, orderId: created.data.orderId,
      subject: `Order ${created.data.orderNumber} confirmed`, status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null,
      sentAt: '2026-03-01T08:00:00.000Z',
    });
    expect(message.body).toContain('Total: EUR 44.97');
    expect(message.providerMessageId).toMatch(new RegExp(`^<${row!.id}@oms\\.local>$`));
  });

  it('answers 404 for an unknown message and 400 for a bad id or filter', async () => {
    const unknown = randomUUID();
    expect((await http(app).get(`/messages/${unknown}`).expect(404)).body).toMatchObject({ statusCode: 404, message: `message ${unknown} does not exist` });
    await http(app).get('/messages/not-a-uuid').expect(400);
    const bad = await http(app).get('/messages?status=delivered&limit=0').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
    await http(app).get('/messages?color=red').expect(400);
  });
});
