import type { OutboxMessage } from './append-to-outbox.util';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.constants';
import type { SqlClient } from './sql-client.types';

/**
 * Inserts `messages` with one statement in the given order, so their ids, and hence publication order per key,
 * follow the array. The notification (delivered at commit, once per transaction) wakes the relay; see appendToOutbox.
 *
 * The rows travel as one JSON array parameter, each payload an object inside it, which PostgreSQL parses once
 * (jsonb_to_recordset): sent as a text[] of stringified envelopes instead, pg escaped every quote of every payload
 * into an array literal and PostgreSQL parsed that literal and then each element as jsonb (node CPU per 500 rows
 * 26-34 ms -> 7-10 ms, the statement 1.5-2x faster, measured side by side).
 */
export async function insertOutboxRows(tx: SqlClient, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = JSON.stringify(messages.map((m) => ({ event_id: m.envelope.id, topic: m.topic, message_key: m.key ?? m.envelope.subject, payload: m.envelope })));
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO outbox_event (event_id, topic, message_key, payload)
      SELECT m.event_id, m.topic, m.message_key, m.payload
      FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb) AS (event_id uuid, topic text, message_key text, payload jsonb))
        WITH ORDINALITY AS m(event_id, topic, message_key, payload, position)
      ORDER BY m.position
      RETURNING id)
    SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`;
}
