// Public API of @oms/kafka. Everything else in this lib is internal.
export { ensureTopics } from './admin/ensure-topics.util';
export { KafkaListener } from './consumer/kafka-listener.decorator';
export { KafkaListenerRegistry } from './consumer/kafka-listener.registry';
export type {
  BatchEventHandler,
  BatchFailure,
  ConsumedEvent,
  KafkaEventHandler,
  KafkaEventHandlerMethod,
  ListenerContext,
} from './consumer/listener-context.interface';
export { PermanentEventError } from './consumer/permanent-event.error';
export { takingOnly } from './consumer/taking-only';
export { KafkaHealthIndicator } from './health/kafka.health-indicator';
export { KafkaClient, type EventConsumer, type EventProducer } from './module/kafka-client.service';
export { kafkaErrorText } from './module/kafka-error.util';
export { KAFKA_MODULE_OPTIONS } from './module/kafka.module-definition';
export { KafkaModule } from './module/kafka.module';
export {
  kafkaSecurityFrom, kafkaSecurityProblems, platformaticSecurity, SASL_MECHANISMS,
  type KafkaSecurityOptions, type KafkaSecurityVariables, type SaslMechanism,
} from './module/kafka-security';
export type { KafkaModuleOptions } from './module/kafka-module-options.interface';
export { DeadLetterHeaders } from './producer/dead-letter.publisher';
export { EventHeaders } from './producer/event-headers';
export { EventPublisher, type EncodedEvent, type OutgoingEvent } from './producer/event-publisher.service';
