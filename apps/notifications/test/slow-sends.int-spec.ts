import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Topics } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents, waitFor } from '@oms/testing';
import { SMTPServer } from 'smtp-server';
import { messagesOf, orderEvent, resetNotifications, startNotifications } from './support/notifications-test-kit';

/**
 * An SMTP server that accepts at once, except mail to `slow`, which it holds until `release()`: one send
 * that takes long, as a provider's slow answer does.
 */
async function startHoldingServer(slow: string) {
  const held: Array<() => void> = [];
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, closeTimeout: 500,
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        if (session.envelope.rcptTo.some((rcpt) => rcpt.address === slow)) held.push(() => callback(null, 'accepted late'));
        else callback(null, 'accepted');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    heldCount: () => held.length,
    receivedBy: (address: string) => received.filter((to) => to === address).length,
    release: () => held.splice(0).forEach((accept) => accept()),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a slow send', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  const slow = 'slow@example.com';
  let server: Awaited<ReturnType<typeof startHoldingServer>>;
  let app: INestApplication;

  beforeAll(async () => {
    server = await startHoldingServer(slow);
    // More connections than held sends, or the fast send would queue behind them in the pool.
    app = await startNotifications({ smtpUrl: server.smtpUrl, clock, env: { SMTP_MAX_CONNECTIONS: '3' } });
  });
  beforeEach(async () => resetNotifications(app));
  afterAll(async () => {
    server?.release();
    await app?.close();
    await server?.stop();
  });

  it('does not hold back emails queued while earlier ones are still sending, nor send those twice', async () => {
    // Two slow sends in two rounds: the rounds in flight are capped by messages, not by rounds.
    const slowOnes = [orderEvent('orderCreated', { customerEmail: slow }), orderEvent('orderCreated', { customerEmail: slow })];
    for (const [i, event] of slowOnes.entries()) {
      await publishTestEvents(Topics.order, [event]);
      await waitFor(async () => server.heldCount(), (count) => count === i + 1, { what: `slow send ${i + 1} to reach the server` });
    }

    // Past their lease by the clock while still sending: this dispatcher must not claim them again.
    clock.advance(60 * 60_000);
    const fast = orderEvent('orderCreated');
    await publishTestEvents(Topics.order, [fast]);
    const [sent] = await messagesOf(app, fast.id, (rows) => rows[0]?.status === 'sent', 10_000);
    expect(sent!.recipient).toBe(fast.data.customerEmail);
    for (const event of slowOnes) {
      expect((await messagesOf(app, event.id, (rows) => rows.length === 1))[0]).toMatchObject({ status: 'pending', sentAt: null });
    }

    server.release();
    for (const event of slowOnes) {
      const [late] = await messagesOf(app, event.id, (rows) => rows[0]?.status === 'sent');
      expect(late).toMatchObject({ recipient: slow, attempts: 1 });
    }
    expect(server.receivedBy(slow)).toBe(2); // each once
    expect(server.heldCount()).toBe(0);
  });
});
