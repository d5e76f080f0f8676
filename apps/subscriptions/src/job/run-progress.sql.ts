import type { SqlClient } from '@oms/outbox';
import type { RunCounts } from './job-run.types';

/** Adds a batch's counts to its run's row in the job log (IOM's record counts), so a long run shows progress. */
export async function addRunProgress(tx: SqlClient, runId: string, delta: RunCounts): Promise<void> {
  await tx.$executeRaw`
    UPDATE job_run SET scanned = scanned + ${delta.scanned}, due = due + ${delta.due}, emitted = emitted + ${delta.emitted},
      skipped = skipped + ${delta.skipped}, failed = failed + ${delta.failed}
    WHERE id = ${runId}::uuid`;
}
