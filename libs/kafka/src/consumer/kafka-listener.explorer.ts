import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { KAFKA_LISTENER_METADATA } from './kafka-listener.decorator';
import { KafkaListenerRegistry } from './kafka-listener.registry';
import type { BatchEventHandler, KafkaEventHandler } from './listener-context.interface';
import { sequentialBatchHandler } from './sequential-batch.handler';

/** Finds every `@KafkaListener` method among the application's providers, plus the registered batch handlers. */
@Injectable()
export class KafkaListenerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly registry: KafkaListenerRegistry,
  ) {}

  /**
   * @returns one batch handler per topic (a `@KafkaListener` method runs event by event).
   * @throws when two handlers take one topic: with one consumer group per
   *   service they would share one offset, so a failure in either would replay both.
   */
  explore(): Map<string, BatchEventHandler> {
    const handlers = new Map<string, BatchEventHandler>();
    const owners = new Map<string, string>();
    const add = (topic: string, owner: string, handler: BatchEventHandler): void => {
      if (owners.has(topic)) {
        throw new Error(`a Kafka listener for "${topic}" is declared twice: ${owners.get(topic)} and ${owner}`);
      }
      owners.set(topic, owner);
      handlers.set(topic, handler);
    };
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no single instance to call; skip them.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const topic = this.reflector.get<string | undefined>(KAFKA_LISTENER_METADATA, method);
        if (topic === undefined) continue;
        add(topic, `${instance.constructor.name}.${name}`, sequentialBatchHandler((method as KafkaEventHandler).bind(instance)));
      }
    }
    for (const { topic, owner, handler } of this.registry.registered()) add(topic, owner, handler);
    return handlers;
  }
}
