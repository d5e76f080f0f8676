import type { SqlClient } from '@oms/outbox';

/** One subscription_history row: what changed (before and after, as JSON) and the event that told others. */
export interface HistoryRow {
  subscriptionId: string;
  action: string;
  actorSub: string;
  actorRole: string;
  reason: string | null;
  at: Date;
  before: object;
  after: object;
  eventId: string;
}

/**
 * Appends history rows in one statement. Raw SQL rather than Prisma's create, so the job can write
 * them on its own pg connection (see BatchDatabase) as well as in any Prisma transaction.
 */
export async function insertHistory(tx: SqlClient, rows: HistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO subscription_history (subscription_id, action, actor_sub, actor_role, reason, at, before, after, event_id)
    SELECT subscription_id, action, actor_sub, actor_role, reason, at, before::jsonb, after::jsonb, event_id
    FROM unnest(${rows.map((r) => r.subscriptionId)}::uuid[], ${rows.map((r) => r.action)}::text[],
                ${rows.map((r) => r.actorSub)}::text[], ${rows.map((r) => r.actorRole)}::text[], ${rows.map((r) => r.reason)}::text[],
                ${rows.map((r) => r.at)}::timestamptz[], ${rows.map((r) => JSON.stringify(r.before))}::text[],
                ${rows.map((r) => JSON.stringify(r.after))}::text[], ${rows.map((r) => r.eventId)}::uuid[])
      WITH ORDINALITY AS v(subscription_id, action, actor_sub, actor_role, reason, at, before, after, event_id, position)
    ORDER BY position`;
}
