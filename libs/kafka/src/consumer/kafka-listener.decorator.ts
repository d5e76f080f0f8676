import { SetMetadata } from '@nestjs/common';
import type { KafkaEventHandler } from './listener-context.interface';

/** Reflect-metadata key holding the topic of a `@KafkaListener` method. */
export const KAFKA_LISTENER_METADATA = 'oms:kafka-listener';

/**
 * Marks a provider method as the handler of every message on `topic`. The
 * service's one consumer (group = `groupId`) subscribes to it at bootstrap.
 * One handler per topic per service; an entity topic carrying several event
 * types dispatches on `envelope.type` inside that handler.
 *
 * A thrown {@link PermanentEventError} dead-letters the message at once; any
 * other error is retried with backoff, then dead-lettered. Handlers must be
 * idempotent (use `IdempotentConsumer`): delivery is at least once.
 *
 * @example
 * ```ts
 * @KafkaListener(Topics.orderDue)
 * async onOrderDue(envelope: EventEnvelope, context: ListenerContext): Promise<void> { ... }
 * ```
 */
export function KafkaListener(topic: string) {
  return <T extends KafkaEventHandler>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(KAFKA_LISTENER_METADATA, topic)(target, propertyKey, descriptor);
  };
}
