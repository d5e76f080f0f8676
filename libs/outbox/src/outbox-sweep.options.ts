/** How the sweep deletes published outbox rows. */
export interface OutboxSweepOptions {
  /** Pause between sweeps in ms; 0 = no sweeping (sweepOnce still works). Default 0. */
  intervalMs?: number;
  /** Published rows older than this are deleted, in ms. Default 7 days. */
  retentionMs?: number;
  /** Rows deleted per statement (each its own short transaction). Default 1000. */
  batchSize?: number;
}

export type ResolvedOutboxSweepOptions = Required<OutboxSweepOptions>;

export const DEFAULT_OUTBOX_RETENTION_MS = 7 * 24 * 3600 * 1000;

export function resolveSweepOptions(options: OutboxSweepOptions = {}): ResolvedOutboxSweepOptions {
  const resolved = {
    intervalMs: options.intervalMs ?? 0,
    retentionMs: options.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS,
    batchSize: options.batchSize ?? 1000,
  };
  if (!(resolved.intervalMs >= 0) || !(resolved.retentionMs >= 0) || !(resolved.batchSize >= 1)) {
    throw new Error(`OutboxModule: invalid sweep options ${JSON.stringify(options)}`);
  }
  return resolved;
}
