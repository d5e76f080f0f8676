import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type MessageOutcomeV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents } from '@oms/testing';
import {
  freePort, mailsFor, messagesOf, orderEvent, prismaOf, resetNotifications, sleep, startNotifications, startSink, type MailSink,
} from './support/notifications-test-kit';

describe('sending while the mail server is down', () => {
  const start = new Date('2026-03-01T08:00:00Z');
  const clock = new ControllableClock(start);
  let port: number;
  let app: INestApplication;
  let outcomes: EventCollector;
  let sink: MailSink | undefined;

  beforeAll(async () => {
    outcomes = await EventCollector.start([Topics.message]);
    port = await freePort(); // nothing listens there until a test starts the sink on it
    app = await startNotifications({ smtpUrl: `smtp://127.0.0.1:${port}`, clock, env: { MAX_SEND_ATTEMPTS: '3', RETRY_BASE_DELAY_MS: '1000' } });
  });
  beforeEach(async () => {
    await resetNotifications(app);
    clock.set(start);
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
    await outcomes?.stop();
  });

  /** When the dispatch queue next offers the message; null once it has left the queue. */
  async function queuedUntil(messageId: string): Promise<Date | null> {
    const row = await (await prismaOf(app)).messageDispatch.findUnique({ where: { messageId } });
    return row?.nextAttemptAt ?? null;
  }

  it('retries with exponential backoff and gives up after MAX_SEND_ATTEMPTS, announcing the failure', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    let [message] = await messagesOf(app, created.id, (rows) => rows[0]?.attempts === 1);
    expect(message).toMatchObject({ status: 'pending', nextAttemptAt: new Date(start.getTime() + 1000) });
    expect(message!.lastError).toMatch(/ECONNREFUSED/);
    expect(await queuedUntil(message!.id)).toEqual(new Date(start.getTime() + 1000)); // the dispatch queue holds it until then

    clock.advance(999); // not yet
    await sleep(600);
    expect((await messagesOf(app, created.id, () => true))[0]!.attempts).toBe(1);

    clock.advance(1); // first retry, 1 s after the first try
    [message] = await messagesOf(app, created.id, (rows) => rows[0]?.attempts === 2);
    expect(message).toMatchObject({ status: 'pending', nextAttemptAt: new Date(start.getTime() + 1000 + 2000) });

    clock.advance(2000); // second retry, 2 s after the first retry: the last of three attempts
    [message] = await messagesOf(app, created.id, (rows) => rows[0]?.status === 'failed');
    expect(message).toMatchObject({ attempts: 3, nextAttemptAt: null, sentAt: null });
    expect(await queuedUntil(message!.id)).toBeNull(); // failed for good: out of the queue

    const [failed] = await outcomes.waitFor((e) => e.type === EventTypes.messageFailed && (e.data as MessageOutcomeV1).relatedEventId === created.id);
    expect(failed!.data).toMatchObject({ messageId: message!.id, template: 'order-confirmation', recipient: created.data.customerEmail, attempts: 3, orderId: created.data.orderId });
    expect((failed!.data as MessageOutcomeV1).error).toMatch(/ECONNREFUSED/);

    clock.advance(24 * 3600 * 1000); // a failed message stays failed
    await sleep(600);
    expect((await messagesOf(app, created.id, () => true))[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('delivers on a retry once the mail server is back, and announces it as sent', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    await messagesOf(app, created.id, (rows) => rows[0]?.attempts === 1);

    sink = await startSink(port);
    clock.advance(1000);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === created.id);
    expect(mail!.to).toEqual([created.data.customerEmail]);
    const [message] = await messagesOf(app, created.id, (rows) => rows[0]?.status === 'sent');
    expect(message).toMatchObject({ attempts: 2, lastError: null, sentAt: new Date(start.getTime() + 1000) });
    expect(await queuedUntil(message!.id)).toBeNull(); // sent: out of the queue
    const [sent] = await outcomes.waitFor((e) => e.type === EventTypes.messageSent && (e.data as MessageOutcomeV1).relatedEventId === created.id);
    expect(sent!.data).toMatchObject({ messageId: message!.id, attempts: 2 });
    expect(outcomes.events.filter((e) => (e.data as MessageOutcomeV1).relatedEventId === created.id)).toHaveLength(1);
  });
});
