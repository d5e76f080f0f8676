import type { JobRunStatus, JobRunTrigger } from '@oms/contracts';

export const SUBSCRIPTION_ORDER_JOB = 'subscription-orders';

/** Counts a run reports (IOM's job log shows the same figures). */
export interface RunCounts {
  /** Subscriptions the run looked at (claimed because something was due). */
  scanned: number;
  /** Cycles that had come due. */
  due: number;
  /** Due-order events written. */
  emitted: number;
  /** Cycles recorded as skipped (override or catch-up policy). */
  skipped: number;
  /** Subscriptions that could not be handled (see the run's records). */
  failed: number;
}

export const ZERO_COUNTS: RunCounts = { scanned: 0, due: 0, emitted: 0, skipped: 0, failed: 0 };

export function addCounts(a: RunCounts, b: RunCounts): RunCounts {
  return { scanned: a.scanned + b.scanned, due: a.due + b.due, emitted: a.emitted + b.emitted, skipped: a.skipped + b.skipped, failed: a.failed + b.failed };
}

/** Failed only when nothing at all could be done; partially failed when some subscriptions failed. */
export function finalStatus(counts: RunCounts): Exclude<JobRunStatus, 'disabled'> {
  if (counts.failed === 0) return 'succeeded';
  return counts.emitted + counts.skipped > 0 ? 'partially-failed' : 'failed';
}

export type { JobRunStatus, JobRunTrigger };
