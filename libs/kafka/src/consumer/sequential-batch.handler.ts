import type { BatchEventHandler, BatchFailure, KafkaEventHandler } from './listener-context.interface';

/**
 * Runs a per-event `@KafkaListener` method over a batch, one event after the
 * other. After a failure, later events with the same key are held back (not
 * tried) so the consumer can retry them after the failed one, in order.
 */
export function sequentialBatchHandler(handler: KafkaEventHandler): BatchEventHandler {
  return async (events) => {
    const failures: BatchFailure[] = [];
    const failedKeys = new Set<string | null>();
    for (const event of events) {
      if (failedKeys.has(event.context.key)) {
        failures.push({ event });
        continue;
      }
      try {
        await handler(event.envelope, event.context);
      } catch (error) {
        failures.push({ event, error });
        failedKeys.add(event.context.key);
      }
    }
    return failures;
  };
}
