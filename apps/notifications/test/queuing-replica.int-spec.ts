import type { INestApplication } from '@nestjs/common';
import { Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents, waitFor } from '@oms/testing';
import { Client } from 'pg';
import { MESSAGES_QUEUED_CHANNEL } from '../src/messages/messages-queued.signal';
import { messagesOf, orderEvent, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

// The other half, the replica that sends on this news, is in sending-replica.int-spec.ts: a test file's config is read
// once, when the app module is first imported, so one file cannot start replicas of both roles.
describe('a notifications replica that queues email but sends none (DISPATCH_INTERVAL_MS=0)', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;
  let listener: Client;
  const notified: string[] = [];

  beforeAll(async () => {
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock, env: { DISPATCH_INTERVAL_MS: '0' } });
    listener = new Client({ connectionString: process.env['NOTIFICATIONS_DATABASE_URL'] });
    await listener.connect();
    listener.on('notification', (message) => notified.push(message.channel));
    await listener.query(`LISTEN ${MESSAGES_QUEUED_CHANNEL}`);
  });
  afterAll(async () => {
    await listener?.end();
    await app?.close();
    await sink?.stop();
  });

  it('tells the replicas that send, through PostgreSQL, once the messages it queued are committed', async () => {
    const created = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [created]);
    const [message] = await messagesOf(app, created.id, (rows) => rows.length === 1);
    expect(message).toMatchObject({ template: 'order-confirmation', status: 'pending' }); // nothing here sends it
    await waitFor(async () => notified.length, (count) => count >= 1, { timeoutMs: 20000, what: `a ${MESSAGES_QUEUED_CHANNEL} notification` });
    expect(notified.every((channel) => channel === MESSAGES_QUEUED_CHANNEL)).toBe(true);
  });
});
