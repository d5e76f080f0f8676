import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import type { SqlClient } from './sql-client.types';

/** Reflect-metadata key holding the {@link PgVariantMetadata} of a method. */
export const PG_VARIANT_METADATA = 'oms:idempotent-pg-variant';

export interface PgVariantMetadata {
  /** Name of the `@IdempotentListener` method this one stands in for. */
  listener: string;
  when: (envelope: EventEnvelope) => boolean;
}

/** A function type (not a method signature), so a method asking for more than SqlClient does not fit. */
type SqlEffect = (tx: SqlClient, envelope: never, context: never) => Promise<void>;

/**
 * Thrown by a pg variant that meets a case it does not handle (one decided by the database's state,
 * not the event): its event, and the events of its key behind it, are then applied with the listener
 * in Prisma's transaction; the rest of the batch commits on pg as usual.
 */
export class PgVariantDeclined extends Error {
  constructor(reason: string) {
    super(`pg variant declined: ${reason}`);
    this.name = PgVariantDeclined.name;
  }
}

/**
 * Marks a method as the pg variant of the `@IdempotentListener` method `listener` of the same
 * provider: a batch whose every event `when` accepts is applied with this method, in a transaction
 * on pg directly (IdempotentConsumer.applyBatchOnPg); any other batch with the listener, in Prisma's.
 * For a listener whose common events need only SQL and whose rare ones need Prisma's model API
 * (`when` sees the events the listener's `types` let through). Same consumer name, same
 * processed_event rows, one transaction per batch either way, so per-key order holds.
 *
 * @example
 * ```ts
 * @IdempotentListener(Topics.order, 'fulfillment.order-events')
 * async reserveOrRelease(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> { ... }
 *
 * @IdempotentListenerOnPg('reserveOrRelease', (envelope) => envelope.type === EventTypes.orderCreated)
 * async reserveOnPg(tx: SqlClient, envelope: EventEnvelope): Promise<void> { ... }
 * ```
 */
export function IdempotentListenerOnPg(listener: string, when: (envelope: EventEnvelope) => boolean) {
  return <T extends SqlEffect>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    const metadata: PgVariantMetadata = { listener, when };
    SetMetadata(PG_VARIANT_METADATA, metadata)(target, key, descriptor);
  };
}
