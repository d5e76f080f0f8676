import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { cycleKeyFor, fixtures, Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { handled, mailsFor, messagesOf, resetNotifications, sleep, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

describe('dunning emails', () => {
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

  const cycleOrder = () => {
    const subscriptionId = randomUUID();
    return { orderId: randomUUID(), orderNumber: `SO-${randomUUID().slice(0, 6)}`, subscriptionId, cycleIndex: 0, cycleKey: cycleKeyFor(subscriptionId, 0), customerEmail: 'dora@example.com' };
  };

  it('emails the customer once per failed try of a cycle order however often it is delivered, and once when it goes through', async () => {
    const order = cycleOrder();
    const failed = fixtures.paymentAuthorizationFailed({ ...order, dunning: { failedAttempts: 1, retries: 3, nextAttemptAt: '2026-03-02T08:00:00.000Z', finalAction: 'pause' } });
    const authorized = fixtures.paymentAuthorized({ ...order, attempt: 2 });
    await publishTestEvents(Topics.payment, [failed, failed, authorized, authorized]);

    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === failed.id);
    expect(mail).toMatchObject({ to: ['dora@example.com'], subject: `Payment for order ${order.orderNumber} failed: we will try again` });
    expect(mail!.headers['x-oms-template']).toBe('payment-failed');
    expect(mail!.text).toContain('This was attempt 1 of 4.');
    expect(mail!.text).toContain('We will try again on Monday, 2 March 2026 at 08:00 (UTC).'); // no subscription zone known here
    const [recovered] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === authorized.id);
    expect(recovered!.headers['x-oms-template']).toBe('payment-recovered');
    await sleep(1500); // a second email would arrive within a few dispatch rounds
    expect((await sink.messages()).filter((m) => [failed.id, authorized.id].includes(m.headers['x-oms-event'] as string))).toHaveLength(2);
  });

  it('sends none for a one-off order or a first-try approval', async () => {
    const oneOff = fixtures.paymentAuthorizationFailed({ orderId: randomUUID(), subscriptionId: undefined, cycleIndex: undefined, cycleKey: undefined, dunning: undefined });
    const firstTry = fixtures.paymentAuthorized({ ...cycleOrder(), attempt: 1 });
    await publishTestEvents(Topics.payment, [oneOff, firstTry]);
    await handled(app, oneOff.id);
    await handled(app, firstTry.id);
    expect(await messagesOf(app, oneOff.id, () => true)).toEqual([]);
    expect(await messagesOf(app, firstTry.id, () => true)).toEqual([]);
  });
});
