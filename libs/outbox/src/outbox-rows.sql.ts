import type { OutboxMessage } from './append-to-outbox.util';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.constants';
import type { SqlClient } from './sql-client.types';

/**
 * Inserts `messages` with one statement (arrays unnested server-side) in the given order, so their ids, and hence
 * publication order per key, follow the array. The notification (delivered at commit, once per transaction) wakes the
 * relay; see appendToOutbox.
 */
export async function insertOutboxRows(tx: SqlClient, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const eventIds = messages.map((m) => m.envelope.id);
  const topics = messages.map((m) => m.topic);
  const keys = messages.map((m) => m.key ?? m.envelope.subject);
  const payloads = messages.map((m) => JSON.stringify(m.envelope));
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO outbox_event (event_id, topic, message_key, payload)
      SELECT event_id, topic, message_key, payload::jsonb
      FROM unnest(${eventIds}::uuid[], ${topics}::text[], ${keys}::text[], ${payloads}::text[])
        WITH ORDINALITY AS m(event_id, topic, message_key, payload, position)
      ORDER BY position
      RETURNING id)
    SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`;
}
