import type { EventEnvelope } from '@oms/contracts';

/** Where a consumed message came from. */
export interface ListenerContext {
  topic: string;
  partition: number;
  /** Kafka offset as a decimal string (offsets are 64-bit). */
  offset: string;
  /** Message key (the aggregate id), or null for a key-less message. */
  key: string | null;
  /** Message headers decoded as UTF-8 (a repeated header keeps its last value). */
  headers: Record<string, string>;
}

/**
 * Shape of a `@KafkaListener` method. Declared as a method signature so a handler may
 * narrow its parameter (e.g. `EventEnvelope<OrderCreatedV1>`) without a cast.
 */
export interface KafkaEventHandlerMethod {
  handle(envelope: EventEnvelope, context: ListenerContext): Promise<void>;
}

/** A `@KafkaListener` method, bound to its provider instance. */
export type KafkaEventHandler = KafkaEventHandlerMethod['handle'];

/** One well-formed event of a consumed batch. */
export interface ConsumedEvent {
  envelope: EventEnvelope;
  context: ListenerContext;
}

/** An event of a batch whose effect was not committed, and why. */
export interface BatchFailure {
  event: ConsumedEvent;
  /** What its try threw; absent when it was held back untried behind a failed event of its key. */
  error?: unknown;
}

/**
 * Handles a batch of one topic's events (one or more partitions, each in offset order), and resolves with
 * those whose effect was not committed (a failure, or a later event of a failed
 * event's key, held back to keep per-key order). The consumer retries each of
 * them alone, in offset order, before it commits the batch's offsets. Rejecting
 * means nothing of the batch was committed.
 */
export type BatchEventHandler = ((events: ConsumedEvent[]) => Promise<BatchFailure[]>) & {
  /**
   * The event types the handler takes (see `takingOnly`); absent: all. A message whose `ce_type` header names
   * another type is skipped before its value is parsed or validated, and committed with the batch.
   */
  readonly types?: ReadonlySet<string>;
};
