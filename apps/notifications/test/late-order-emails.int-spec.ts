import type { INestApplication } from '@nestjs/common';
import { Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { handled, mailsFor, messagesOf, orderEvent, resetNotifications, sleep, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

const PROMISED = '2026-03-03T10:00:00.000Z';

describe('late-order emails', () => {
  const clock = new ControllableClock(new Date('2026-03-05T08:00:00Z'));
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

  it('emails the customer once that the order is late, and once that it was cancelled for it, however often the events come', async () => {
    const late = orderEvent('orderLate', { status: 'reserved', deliveryMode: 'express', promisedShipBy: PROMISED, lateNoticedAt: '2026-03-04T10:00:00.000Z' });
    const order = { orderId: late.data.orderId, orderNumber: late.data.orderNumber, customerId: late.data.customerId, customerEmail: late.data.customerEmail };
    const cancelled = orderEvent('orderCancelled', { ...order, deliveryMode: 'express', promisedShipBy: PROMISED, cancelCode: 'late', reason: 'late: not shipped in time' });
    await publishTestEvents(Topics.order, [late, late, cancelled, cancelled]);

    const [notice] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === late.id);
    expect(notice).toMatchObject({ to: [order.customerEmail], subject: `Order ${order.orderNumber} is running late` });
    expect(notice!.headers['x-oms-template']).toBe('late-order');
    expect(notice!.text).toContain('we promised it by Tuesday, 3 March 2026 at 10:00 (UTC)');
    expect(notice!.text).toContain('3 x COFFEE-1KG');
    const [cancellation] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === cancelled.id);
    expect(cancellation).toMatchObject({ to: [order.customerEmail], subject: `Order ${order.orderNumber} cancelled: we could not ship it in time` });
    expect(cancellation!.headers['x-oms-template']).toBe('late-order-cancelled');
    expect(cancellation!.text).toContain('You will not be charged for it.');

    const [message] = await messagesOf(app, late.id, (rows) => rows[0]?.status === 'sent');
    expect(message).toMatchObject({ template: 'late-order', orderId: order.orderId, customerId: order.customerId });
    await sleep(1500); // a second email would arrive within a few dispatch rounds
    const mails = (await sink.messages()).filter((m) => [late.id, cancelled.id].includes(m.headers['x-oms-event'] as string));
    expect(mails.map((m) => m.headers['x-oms-template']).sort()).toEqual(['late-order', 'late-order-cancelled']);
  });

  it('sends no late-order email for a cancellation the watchdog did not make', async () => {
    const cancelled = orderEvent('orderCancelled', { reason: 'late: customer says it is late' });
    await publishTestEvents(Topics.order, [cancelled]);
    await handled(app, cancelled.id);
    expect(await messagesOf(app, cancelled.id, () => true)).toEqual([]);
  });
});
