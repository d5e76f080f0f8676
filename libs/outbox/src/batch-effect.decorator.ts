import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import type { EffectContext } from './idempotent-listener.decorator';
import type { SqlClient } from './sql-client.types';

/** Reflect-metadata key holding the {@link BatchEffectMetadata} of a method. */
export const BATCH_EFFECT_METADATA = 'oms:idempotent-batch-effect';

export interface BatchEffectMetadata {
  /** Name of the `@IdempotentListener` (or `@IdempotentListenerOnPg`) method this one applies a whole batch for. */
  listener: string;
}

/** One new event of a batch, as its listener would receive it. */
export interface BatchEvent {
  envelope: EventEnvelope;
  context: EffectContext;
}

/** A batch form of an effect: the batch's new events (not processed before), in offset order. */
export type BatchEffect<Tx> = (tx: Tx, events: readonly BatchEvent[]) => Promise<void>;

/** A function type (not a method signature), so a method asking for more than SqlClient does not fit. */
type SqlBatchEffect = (tx: SqlClient, events: never) => Promise<void>;

/**
 * Marks a method as the batch form of the `@IdempotentListener` method `listener` of the same provider (or of its
 * `@IdempotentListenerOnPg` variant, for the batches the variant takes: a listener with a variant has its batch
 * form there). A batch's new events are handed to it at once, in offset order, in the listener's transaction, so
 * it can write many events' rows with one statement where the listener writes a few per event. It must leave
 * what the listener leaves when applied to the same events one by one. If it throws, the batch is rolled back and
 * applied event by event with the listener (a savepoint each), so a failing event is isolated exactly as without
 * it; a variant's batch form may throw PgVariantDeclined for the same effect, and the variant then declines the
 * events it cannot take one by one. A batch with one new event (the consumer's retries of a failed one among
 * them) goes to the listener.
 *
 * @example
 * ```ts
 * @IdempotentListener(Topics.order, 'notifications.order', { transaction: 'pg' })
 * async queueEmails(tx: SqlClient, envelope: EventEnvelope, context: EffectContext): Promise<void> { ... }
 *
 * @IdempotentBatchEffect('queueEmails')
 * async queueEmailsForBatch(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> { ... }
 * ```
 */
export function IdempotentBatchEffect(listener: string) {
  return <T extends SqlBatchEffect>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    const metadata: BatchEffectMetadata = { listener };
    SetMetadata(BATCH_EFFECT_METADATA, metadata)(target, key, descriptor);
  };
}
