import type { SqlClient } from './sql-client.types';

/**
 * Inserts `processed_event(consumer, id)` for each id in one statement and
 * returns the ids (lower-case) that were new. Ids are inserted in sorted order
 * so two transactions marking overlapping batches lock rows in one order. A
 * concurrent transaction marking the same id blocks here until it ends; if it
 * commits, the id is not returned.
 */
export async function markProcessed(tx: SqlClient, consumer: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ event_id: string }[]>`
    INSERT INTO processed_event (consumer, event_id)
    SELECT ${consumer}::text, id FROM (SELECT DISTINCT unnest(${ids}::uuid[]) AS id) AS batch ORDER BY id
    ON CONFLICT DO NOTHING
    RETURNING event_id::text AS event_id`;
  return new Set(rows.map((row) => row.event_id));
}
