/** How the relay polls the outbox. */
export interface OutboxRelayOptions {
  /** Pause between polls when the outbox is drained, in ms. Default 100. */
  intervalMs?: number;
  /** Rows published per transaction. Default 500. */
  batchSize?: number;
  /** false: no polling loop (drainOnce still works), e.g. for a replica that only consumes. Default true. */
  enabled?: boolean;
  /**
   * false: a row is deleted in the transaction that publishes it, instead of being marked published and kept for
   * the sweep (a retention of 0). Marking a row writes a whole new version of it, payload and all, and an entry in
   * each of the table's indexes: the largest single share of the write-ahead log a subscription cycle writes.
   * Default true.
   */
  keepPublished?: boolean;
}

export type ResolvedOutboxRelayOptions = Required<OutboxRelayOptions>;

export function resolveRelayOptions(options: OutboxRelayOptions = {}): ResolvedOutboxRelayOptions {
  const resolved = {
    intervalMs: options.intervalMs ?? 100, batchSize: options.batchSize ?? 500, enabled: options.enabled ?? true, keepPublished: options.keepPublished ?? true,
  };
  if (!(resolved.batchSize >= 1) || !(resolved.intervalMs >= 0)) {
    throw new Error(`OutboxModule: invalid relay options ${JSON.stringify(options)}`);
  }
  return resolved;
}
