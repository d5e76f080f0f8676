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
