import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ControllableClock } from '@oms/service-runtime';
import { MESSAGES_QUEUED_CHANNEL } from '../src/messages/messages-queued.signal';
import { mailsFor, prismaOf, sleep, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

// The replica that queues and announces is in queuing-replica.int-spec.ts (one role per test file: config is read at import).
describe('a notifications replica that only sends (KAFKA_CONSUME=false)', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;

  beforeAll(async () => {
    sink = await startSink();
    // Ten minutes between dispatch rounds: within the test, only a wake-up can send anything.
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock, env: { KAFKA_CONSUME: 'false', DISPATCH_INTERVAL_MS: '600000' } });
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  /** An order confirmation stored with a dispatch queue row (as insertMessageRows queues a pending one; for another status, a leftover row); @returns its id. */
  async function storeQueuedMessage(
    prisma: Awaited<ReturnType<typeof prismaOf>>,
    fields: { recipient: string; subject: string; status: string; nextAttemptAt?: Date; sentAt?: Date },
  ): Promise<string> {
    const id = randomUUID();
    await prisma.message.create({
      data: {
        id, eventId: randomUUID(), eventType: 'orders.order.created.v1', correlationId: randomUUID(), template: 'order-confirmation',
        body: 'Thank you.', bodyHtml: '<p>Thank you.</p>', ...fields,
        dispatch: { create: { nextAttemptAt: clock.now(), createdAt: clock.now() } },
      },
    });
    return id;
  }

  it('sends a message another replica queued as soon as that replica announces it, not at its next round', async () => {
    const prisma = await prismaOf(app);
    const id = await storeQueuedMessage(prisma, { recipient: 'ann@example.com', subject: 'Order SO-1 confirmed', status: 'pending', nextAttemptAt: clock.now() });
    await sleep(1000);
    expect((await sink.messages()).length).toBe(0); // queued, and no round to find it for ten minutes

    await prisma.$executeRaw`SELECT pg_notify(${MESSAGES_QUEUED_CHANNEL}, '')`; // what the queuing replica sends after its commit
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-message-id'] === id, 1, 30000); // the tick is 600 s away
    expect(mail).toMatchObject({ to: ['ann@example.com'], subject: 'Order SO-1 confirmed' });
    expect(await prisma.message.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', attempts: 1 });
  });
  it('drops a queue row whose message is no longer pending (left by an earlier version) instead of leasing it again', async () => {
    const prisma = await prismaOf(app);
    const id = await storeQueuedMessage(prisma, { recipient: 'bob@example.com', subject: 'Order SO-2 confirmed', status: 'sent', sentAt: clock.now() });

    await prisma.$executeRaw`SELECT pg_notify(${MESSAGES_QUEUED_CHANNEL}, '')`;
    for (let waited = 0; (await prisma.messageDispatch.count({ where: { messageId: id } })) > 0; waited += 100) {
      if (waited > 30000) throw new Error('the stale queue row is still there after 30 s');
      await sleep(100);
    }
    await sleep(500);
    expect((await sink.messages()).filter((m) => m.headers['x-oms-message-id'] === id)).toHaveLength(0); // sent before: not again
    expect(await prisma.message.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', attempts: 0 });
  });
});
