import type { SqlClient } from '@oms/outbox';
import { Prisma, type Message } from '../generated/prisma/client';

/** Every column of a message row, named as Prisma's Message type names them. */
const MESSAGE_COLUMNS = Prisma.sql`
  m.id::text AS id, m.event_id::text AS "eventId", m.event_type AS "eventType", m.correlation_id AS "correlationId", m.template,
  m.recipient, m.audience, m.customer_id AS "customerId", m.order_id AS "orderId", m.subscription_id AS "subscriptionId",
  m.subject, m.body, m.body_html AS "bodyHtml", m.status, m.attempts, m.last_error AS "lastError", m.next_attempt_at AS "nextAttemptAt",
  m.sent_at AS "sentAt", m.provider_message_id AS "providerMessageId", m.created_at AS "createdAt"`;

/**
 * Claims up to `limit` pending messages due at `now`, oldest first, by moving their dispatch row's next attempt to
 * `leaseUntil`, in one statement (a dispatch round runs it even when nothing is due): the row locks (SKIP LOCKED)
 * keep replicas apart until the lease is written. The lease is written to message_dispatch, a narrow row with two
 * indexes, not to the message itself (see the MessageDispatch model). A queue row whose message is no longer pending
 * (its outcome was recorded by code that did not dequeue it) is deleted instead of leased, so it cannot come back.
 * `sending`: messages this process is still sending, never claimed again here, whatever the clock says of
 * their lease (a business clock moved a month on in a test, or a process paused past the lease).
 * The queue rows are then found by key (`= ANY(ARRAY(...))`, an index condition) rather than joined, and the messages
 * come from the row `due` read, not a second look-up: a plan made while the tables were young hashed all of
 * message_dispatch and message, or scanned message, on every claim (bench:pipeline's first minute).
 * @returns the claimed messages in the order they were queued (created_at, then id).
 */
export async function claimDueMessages(
  db: SqlClient, now: Date, limit: number, leaseUntil: Date, sending: readonly string[] = [],
): Promise<Message[]> {
  const claimed = await db.$queryRaw<Message[]>`
    WITH due AS (
      SELECT d.message_id, m.status = 'pending' AS pending, m AS message
      FROM message_dispatch AS d JOIN message AS m ON m.id = d.message_id
      WHERE d.next_attempt_at <= ${now} AND NOT (d.message_id = ANY(${sending}::uuid[]))
      ORDER BY d.next_attempt_at, d.created_at
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED),
    stale AS (
      DELETE FROM message_dispatch AS d WHERE d.message_id = ANY(ARRAY(SELECT message_id FROM due WHERE NOT pending))),
    leased AS (
      UPDATE message_dispatch AS d SET next_attempt_at = ${leaseUntil} WHERE d.message_id = ANY(ARRAY(SELECT message_id FROM due WHERE pending))
      RETURNING d.message_id)
    SELECT ${MESSAGE_COLUMNS}
    FROM (SELECT (due.message).* FROM due JOIN leased ON leased.message_id = due.message_id) AS m`;
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
