import type { SqlClient } from '@oms/outbox';
import type { RunCounts } from './job-run.types';

/**
 * Adds a batch's counts to its run's row in the job log (IOM's record counts), so a long run shows progress. The
 * batch's last statement: a run's lanes share the row, so a lane waits here for another lane's commit, holding its
 * row lock only through that commit. Should commit flushes on a slow disk ever make that wait show, a row per lane,
 * summed when read, would remove it.
 */
export async function addRunProgress(tx: SqlClient, runId: string, delta: RunCounts): Promise<void> {
  await tx.$executeRaw`
    UPDATE job_run SET scanned = scanned + ${delta.scanned}, due = due + ${delta.due}, emitted = emitted + ${delta.emitted},
      skipped = skipped + ${delta.skipped}, failed = failed + ${delta.failed}
    WHERE id = ${runId}::uuid`;
}
