import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { KafkaListenerRegistry } from '@oms/kafka';
import { IdempotentConsumer } from './idempotent-consumer.service';
import { IDEMPOTENT_LISTENER_METADATA, type IdempotentEffect, type IdempotentListenerMetadata } from './idempotent-listener.decorator';

/**
 * Finds every `@IdempotentListener` method and registers it with the Kafka
 * consumer as a batch handler that applies it through {@link IdempotentConsumer}.
 */
@Injectable()
export class IdempotentListenerExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly registry: KafkaListenerRegistry,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<IdempotentListenerMetadata | undefined>(IDEMPOTENT_LISTENER_METADATA, method);
        if (!metadata) continue;
        const effect = (method as IdempotentEffect<unknown>).bind(instance);
        const { topic, consumer, types, transaction } = metadata;
        const apply = transaction === 'pg' ? this.idempotent.applyBatchOnPg.bind(this.idempotent) : this.idempotent.applyBatch.bind(this.idempotent);
        this.registry.registerBatchHandler(topic, `${instance.constructor.name}.${name}`, (events) =>
          apply(consumer, types ? events.filter((e) => types.includes(e.envelope.type)) : events, effect));
      }
    }
  }
}
