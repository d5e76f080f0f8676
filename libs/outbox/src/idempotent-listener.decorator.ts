import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import type { ListenerContext } from '@oms/kafka';
import type { SqlClient } from './sql-client.types';

/** Reflect-metadata key holding the {@link IdempotentListenerMetadata} of a method. */
export const IDEMPOTENT_LISTENER_METADATA = 'oms:idempotent-listener';

/** What an effect method receives besides the transaction and the envelope. */
export interface EffectContext extends ListenerContext {
  /**
   * Runs `task` after the batch's transaction committed (work that must see the
   * committed state, such as retrying backorders with released stock). A
   * failure is logged, not retried: the event is already marked processed.
   */
  afterCommit(task: () => Promise<void>): void;
}

/** Shape of an `@IdempotentListener` method (a method signature, so it may narrow its parameters). */
export interface IdempotentEffectMethod<Tx> {
  effect(tx: Tx, envelope: EventEnvelope, context: EffectContext): Promise<void>;
}

/** An `@IdempotentListener` method, bound to its provider instance. */
export type IdempotentEffect<Tx> = IdempotentEffectMethod<Tx>['effect'];

export interface IdempotentListenerMetadata {
  topic: string;
  consumer: string;
  /** Event types the effect is for; others on the topic are passed over (committed, not marked). All when absent. */
  types?: readonly string[];
  /** See {@link IdempotentListenerOptions.affects}. */
  affects?: (envelope: EventEnvelope) => boolean;
  /** `'pg'`: the batch's transaction runs on pg directly (see IdempotentConsumer.applyBatchOnPg). */
  transaction: 'prisma' | 'pg';
}

/** Options of {@link IdempotentListener}. */
export interface IdempotentListenerOptions {
  /** Event types the effect is for; others on the topic are passed over (committed, not marked). All when absent. */
  types?: readonly string[];
  /**
   * Whether an event of those types, by its own content, changes anything here. One it says no to is passed over
   * like a type the effect is not for: no transaction and no processed_event mark (a mark guards an effect, and
   * there is none to guard). It must decide on the envelope alone, never on stored state, so that a redelivery
   * is passed over again. All events affect when absent.
   */
  affects?: (envelope: EventEnvelope) => boolean;
  /**
   * `'pg'` runs the batch's transaction on pg directly instead of Prisma's interactive transaction, for an
   * effect that is all SQL: it must then take a plain `SqlClient` (the compiler refuses a Prisma transaction
   * client); its raw results are what Prisma's `$queryRaw` returns (int8 BigInt, numeric Decimal).
   */
  transaction?: 'prisma' | 'pg';
}

/**
 * An effect that can run on a plain SqlClient. A function type, not a method signature, so that its
 * parameter is checked strictly: a method that asks for more than SqlClient (Prisma's client) does not fit.
 */
type SqlEffect = (tx: SqlClient, envelope: never, context: never) => Promise<void>;

type EffectDecorator<E> = <T extends E>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => void;

/**
 * Marks a provider method as the effect of every event on `topic`, applied at
 * most once per `consumer` name (a `processed_event` row commits with it).
 * Events arrive in batches: one transaction per batch, one processed row per
 * event, a failing event isolated by a savepoint and retried alone, so the
 * method must do every write through `tx`.
 *
 * @example
 * ```ts
 * @IdempotentListener(Topics.orderDue, 'orders.order-due', { types: [EventTypes.orderDue] })
 * async createOrder(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> { ... }
 * ```
 */
export function IdempotentListener(topic: string, consumer: string, options?: IdempotentListenerOptions & { transaction?: 'prisma' }): EffectDecorator<IdempotentEffect<unknown>>;
/** On pg (or maybe on pg): the method must take a plain SqlClient. */
export function IdempotentListener(topic: string, consumer: string, options: IdempotentListenerOptions): EffectDecorator<SqlEffect>;
export function IdempotentListener(topic: string, consumer: string, options: IdempotentListenerOptions = {}): EffectDecorator<IdempotentEffect<unknown>> {
  return (target, key, descriptor) => {
    const metadata: IdempotentListenerMetadata = { topic, consumer, types: options.types, affects: options.affects, transaction: options.transaction ?? 'prisma' };
    SetMetadata(IDEMPOTENT_LISTENER_METADATA, metadata)(target, key, descriptor);
  };
}
