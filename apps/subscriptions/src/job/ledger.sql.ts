import type { SqlClient } from '@oms/outbox';
import type { CycleRow } from './due-batch.planner';

export interface RecordRow {
  runId: string;
  subscriptionId: string;
  cycleIndex: number | null;
  outcome: string;
  detail: string | null;
}

/** Where a subscription's schedule stands after the batch. */
export interface Watermark {
  id: string;
  lastHandledCycle: number;
  nextDueAt: Date | null;
  status: string;
  stepsOrdered: number;
}

// Batch writes of the job as single statements over unnested arrays: Prisma's
// createMany costs ~0.2 ms a row here, which dominated the job's time.

/**
 * Appends the batch's cycles to the ledger and moves the subscriptions' watermarks, in one statement
 * (one round trip, the cycles' arrays sent once). A cycle already in the ledger fails the whole
 * statement: never a second emission. The ledger row (its run_id, status and skip reason) is also the
 * run's record of that cycle (see runRecords): a job_run_record row per cycle repeating it cost a third
 * of this statement (the insert, and a foreign-key check locking the job_run row once per cycle).
 *
 * The watermark UPDATE names its rows twice: joined to the unnested values alone, PostgreSQL
 * hash-joins them against a sequential scan of the whole subscription table (every batch reading
 * every subscription); `s.id = ANY(ids)` makes it fetch the batch's rows by primary key.
 */
export async function writeLedger(tx: SqlClient, cycles: CycleRow[], watermarks: Watermark[]): Promise<void> {
  // Skipped line ids travel as JSON text: unnest would flatten a two-dimensional array.
  await tx.$executeRaw`
    WITH cycle AS (
      SELECT * FROM unnest(
        ${cycles.map((c) => c.subscriptionId)}::uuid[], ${cycles.map((c) => c.cycleIndex)}::int[],
        ${cycles.map((c) => c.cycleKey)}::text[], ${cycles.map((c) => c.dueAt)}::timestamptz[],
        ${cycles.map((c) => c.status)}::text[], ${cycles.map((c) => c.skipReason)}::text[],
        ${cycles.map((c) => c.runId)}::uuid[], ${cycles.map((c) => c.eventId)}::uuid[],
        ${cycles.map((c) => JSON.stringify(c.skippedLineIds))}::text[])
        AS v(subscription_id, cycle_index, cycle_key, due_at, status, skip_reason, run_id, event_id, skipped)),
    ledger AS (
      INSERT INTO subscription_cycle (subscription_id, cycle_index, cycle_key, due_at, status, skip_reason, run_id, event_id, skipped_line_ids)
      SELECT subscription_id, cycle_index, cycle_key, due_at, status, skip_reason, run_id, event_id, ARRAY(SELECT jsonb_array_elements_text(skipped::jsonb))
      FROM cycle)
    UPDATE subscription AS s
    SET last_handled_cycle = v.last_handled, next_due_at = v.next_due, status = v.status, program_steps_ordered = v.steps_ordered, updated_at = now(),
        cancel_at_cycle = CASE WHEN v.status = 'cancelled' THEN NULL ELSE s.cancel_at_cycle END
    FROM unnest(${watermarks.map((w) => w.id)}::uuid[], ${watermarks.map((w) => w.lastHandledCycle)}::int[],
                ${watermarks.map((w) => w.nextDueAt)}::timestamptz[], ${watermarks.map((w) => w.status)}::text[],
                ${watermarks.map((w) => w.stepsOrdered)}::int[])
      AS v(id, last_handled, next_due, status, steps_ordered)
    WHERE s.id = v.id AND s.id = ANY(${watermarks.map((w) => w.id)}::uuid[])`;
}

/** Appends a run's failed subscriptions (with their errors) to the job log; its cycles are in the ledger. */
export async function insertRunRecords(tx: SqlClient, records: RecordRow[]): Promise<void> {
  if (records.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO job_run_record (run_id, subscription_id, cycle_index, outcome, detail)
    SELECT * FROM unnest(
      ${records.map((r) => r.runId)}::uuid[], ${records.map((r) => r.subscriptionId)}::uuid[],
      ${records.map((r) => r.cycleIndex)}::int[], ${records.map((r) => r.outcome)}::text[], ${records.map((r) => r.detail)}::text[])`;
}
