import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { cycleKeyFor, fixtures, Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { mailsFor, orderEvent, resetNotifications, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

// One setting per test file (config is read at import): here the dispatcher's rounds are ten minutes apart.
describe('email queued by any consumer is sent at once, not at the next dispatch round', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;
  // Far below the ten-minute round: a mail that arrives at all was sent because its commit woke the dispatcher.
  const WITHIN_MS = 30_000;

  beforeAll(async () => {
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock, env: { DISPATCH_INTERVAL_MS: '600000' } });
  });
  beforeEach(async () => resetNotifications(app));
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  it('sends the shipped email as soon as the shipment event is handled', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id, 1, WITHIN_MS);

    const shipped = fixtures.shipmentStatusChanged({ orderId: created.data.orderId, status: 'shipped', occurredAt: '2026-03-02T10:00:00.000Z' });
    await publishTestEvents(Topics.shipment, [shipped]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === shipped.id, 1, WITHIN_MS);
    expect(mail).toMatchObject({ to: [created.data.customerEmail], subject: `Order ${created.data.orderNumber} has shipped` });
  });

  it('sends a dunning email as soon as the failed payment is handled', async () => {
    const subscriptionId = randomUUID();
    const failed = fixtures.paymentAuthorizationFailed({
      orderId: randomUUID(), orderNumber: 'SO-PROMPT', subscriptionId, cycleIndex: 0, cycleKey: cycleKeyFor(subscriptionId, 0), customerEmail: 'dora@example.com',
      dunning: { failedAttempts: 1, retries: 3, nextAttemptAt: '2026-03-02T08:00:00.000Z', finalAction: 'pause' },
    });
    await publishTestEvents(Topics.payment, [failed]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === failed.id, 1, WITHIN_MS);
    expect(mail).toMatchObject({ to: ['dora@example.com'], subject: 'Payment for order SO-PROMPT failed: we will try again' });
  });

  it('sends a subscription action confirmation as soon as the action event is handled', async () => {
    const subscriptionId = randomUUID();
    const paused = fixtures.subscriptionPaused({
      subscriptionId, customerId: 'cust-prompt', customerEmail: 'erin@example.com', timeZone: 'Europe/Amsterdam',
      actor: { sub: 'cust-prompt', role: 'customer' }, pausedFrom: '2026-03-10', resumeOn: '2026-05-01',
    });
    await publishTestEvents(Topics.subscriptionLifecycle, [paused]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === paused.id, 1, WITHIN_MS);
    expect(mail).toMatchObject({ to: ['erin@example.com'], subject: 'Your subscription is paused from Tuesday, 10 March 2026' });
  });
});
