import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { fixtures, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { createServiceTestApp, httpAs, waitFor } from '@oms/testing';
import { startMailSink, type MailSink, type ReceivedMail } from '@oms/local-infra';
import type { Message } from '../../src/generated/prisma/client';
import type { PrismaService } from '../../src/database/prisma.service';

export type { MailSink, ReceivedMail };

export const STORE_MANAGER = 'store@oms.local';
/** Operations' address (fraud hold notices) in every test app. */
export const OPS = 'ops@oms.local';

/**
 * Boots the notifications service against the run's broker and database, sending to
 * `smtpUrl`, with the dispatch loop on a short interval. Every variable is set here,
 * because test files share one process and one file's env would leak into the next.
 */
export async function startNotifications(options: { smtpUrl: string; clock: Clock; env?: Record<string, string> }): Promise<INestApplication> {
  return createServiceTestApp({
    service: 'notifications',
    loadModule: async () => (await import('../../src/app.module')).AppModule,
    env: {
      SMTP_URL: options.smtpUrl, STORE_MANAGER_EMAIL: STORE_MANAGER, OPS_EMAIL: OPS, REMINDER_DAYS_BEFORE: '3',
      MAX_SEND_ATTEMPTS: '5', RETRY_BASE_DELAY_MS: '1000', DISPATCH_INTERVAL_MS: '100', ...options.env,
    },
    overrides: [{ provide: CLOCK, useValue: options.clock }],
  });
}

/** A mail sink of its own for one test file, on a free port, in a fresh directory. */
export async function startSink(port = 0): Promise<MailSink> {
  return startMailSink({ port, dir: await mkdtemp(join(tmpdir(), 'notifications-mail-')) });
}

/** A port nothing listens on (yet): for an SMTP server that is down. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function prismaOf(app: INestApplication): Promise<PrismaService> {
  return app.get<PrismaService>((await import('../../src/database/prisma.service')).PrismaService);
}

/** Empties the service's own tables so each test's counts are its own (the messaging tables stay). */
export async function resetNotifications(app: INestApplication): Promise<void> {
  await (await prismaOf(app)).$executeRaw`TRUNCATE message, message_dispatch, order_contact, deferred_shipment, subscription_contact, reminder, setting, rental_check_in, rental_delivery, rental_status_reminder`;
}

export function http(app: INestApplication) {
  return httpAs(app);
}

/** An order event of a fresh order and customer (unless overridden). */
export function orderEvent(
  fixture: 'orderCreated' | 'orderBackordered' | 'orderCancelled' | 'orderShipped' | 'orderOnHold' | 'orderHoldPlaced' | 'orderLate',
  data: Partial<OrderLifecycleV1> = {},
): EventEnvelope<OrderLifecycleV1> {
  const orderId = data.orderId ?? randomUUID();
  return fixtures[fixture]({
    orderId, orderNumber: `SO-${orderId.slice(0, 6).toUpperCase()}`, customerId: `cust-${randomUUID().slice(0, 8)}`,
    customerEmail: `${orderId.slice(0, 8)}@example.com`, currency: 'EUR', totalMinor: 4497,
    lines: [{ lineId: 'l1', productId: randomUUID(), sku: 'COFFEE-1KG', quantity: 3, unitPriceMinor: 1499 }],
    // The fixture's totals belong to its own lines; an event here has totals only when a test gives them.
    totals: undefined,
    ...data,
  });
}

/** Mail the sink received that matches, once at least `count` of them arrived. */
export async function mailsFor(sink: MailSink, predicate: (mail: ReceivedMail) => boolean, count = 1, timeoutMs = 20000): Promise<ReceivedMail[]> {
  return waitFor(async () => (await sink.messages()).filter(predicate), (found) => found.length >= count, { timeoutMs, what: `${count} email(s)` });
}

/** The message rows of one triggering event, once `until` accepts them. */
export async function messagesOf(app: INestApplication, eventId: string, until: (rows: Message[]) => boolean, timeoutMs = 20000): Promise<Message[]> {
  const prisma = await prismaOf(app);
  const probe = () => prisma.message.findMany({ where: { eventId }, orderBy: { recipient: 'asc' } });
  return waitFor(probe, until, { timeoutMs, what: `messages of event ${eventId}` });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the service has handled `eventId` (its processed_event row exists). */
export async function handled(app: INestApplication, eventId: string): Promise<void> {
  const prisma = await prismaOf(app);
  await waitFor(() => prisma.processedEvent.count({ where: { eventId } }), (count) => count > 0, { what: `event ${eventId} handled` });
}
