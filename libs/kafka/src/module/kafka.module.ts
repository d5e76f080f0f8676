import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventMessageProcessor } from '../consumer/event-message.processor';
import { KafkaConsumerHost } from '../consumer/kafka-consumer.host';
import { KafkaListenerExplorer } from '../consumer/kafka-listener.explorer';
import { KafkaListenerRegistry } from '../consumer/kafka-listener.registry';
import { KafkaHealthIndicator } from '../health/kafka.health-indicator';
import { DeadLetterPublisher } from '../producer/dead-letter.publisher';
import { EventPublisher } from '../producer/event-publisher.service';
import { KafkaClient } from './kafka-client.service';
import { ConfigurableKafkaModule } from './kafka.module-definition';

/**
 * Kafka for a service: one admin, one idempotent producer ({@link EventPublisher})
 * and one consumer running every `@KafkaListener` of the application.
 * Global by default; register once in the root module.
 *
 * @example
 * ```ts
 * KafkaModule.forRootAsync({
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     clientId: 'orders', groupId: 'orders', brokers: config.getOrThrow<string>('KAFKA_BROKERS').split(','),
 *   }),
 * })
 * ```
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    KafkaClient,
    EventPublisher,
    DeadLetterPublisher,
    KafkaListenerExplorer,
    KafkaListenerRegistry,
    EventMessageProcessor,
    KafkaConsumerHost,
    // Stateless terminus helper: provided here so the lib does not drag TerminusModule in.
    HealthIndicatorService,
    KafkaHealthIndicator,
  ],
  exports: [KafkaClient, EventPublisher, KafkaHealthIndicator, KafkaListenerRegistry],
})
export class KafkaModule extends ConfigurableKafkaModule {}
