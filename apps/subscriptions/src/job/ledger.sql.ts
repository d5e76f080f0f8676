import type { Prisma } from '../generated/prisma/client';
import type { CycleRow } from './due-batch.planner';

export interface RecordRow {
  runId: string;
  subscriptionId: string;
  cycleIndex: number | null;
  outcome: string;
  detail: string | null;
}

// Batch writes of the job as single statements over unnested arrays: Prisma's
// createMany costs ~0.2 ms a row here, which dominated the job's time.

/** Appends cycles to the ledger; a cycle already there fails the statement (never a second emission). */
export async function insertCycles(tx: Prisma.TransactionClient, cycles: CycleRow[]): Promise<void> {
  if (cycles.length === 0) return;
  // Skipped line ids travel as JSON text: unnest would flatten a two-dimensional array.
  await tx.$executeRaw`
    INSERT INTO subscription_cycle (subscription_id, cycle_index, cycle_key, due_at, status, skip_reason, run_id, event_id, skipped_line_ids)
    SELECT v.subscription_id, v.cycle_index, v.cycle_key, v.due_at, v.status, v.skip_reason, v.run_id, v.event_id,
           ARRAY(SELECT jsonb_array_elements_text(v.skipped::jsonb))
    FROM unnest(
      ${cycles.map((c) => c.subscriptionId)}::uuid[], ${cycles.map((c) => c.cycleIndex)}::int[],
      ${cycles.map((c) => c.cycleKey)}::text[], ${cycles.map((c) => c.dueAt)}::timestamptz[],
      ${cycles.map((c) => c.status)}::text[], ${cycles.map((c) => c.skipReason)}::text[],
      ${cycles.map((c) => c.runId)}::uuid[], ${cycles.map((c) => c.eventId)}::uuid[],
      ${cycles.map((c) => JSON.stringify(c.skippedLineIds))}::text[])
      AS v(subscription_id, cycle_index, cycle_key, due_at, status, skip_reason, run_id, event_id, skipped)`;
}

/** Appends what a run did with each cycle (or subscription) to the job log. */
export async function insertRunRecords(tx: Prisma.TransactionClient, records: RecordRow[]): Promise<void> {
  if (records.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO job_run_record (run_id, subscription_id, cycle_index, outcome, detail)
    SELECT * FROM unnest(
      ${records.map((r) => r.runId)}::uuid[], ${records.map((r) => r.subscriptionId)}::uuid[],
      ${records.map((r) => r.cycleIndex)}::int[], ${records.map((r) => r.outcome)}::text[], ${records.map((r) => r.detail)}::text[])`;
}
