import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { KAFKA_LISTENER_METADATA } from './kafka-listener.decorator';
import type { KafkaEventHandler } from './listener-context.interface';

/** Finds every `@KafkaListener` method among the application's providers. */
@Injectable()
export class KafkaListenerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /**
   * @returns handlers by topic, bound to their provider instance.
   * @throws when two methods listen to one topic: with one consumer group per
   *   service they would share one offset, so a failure in either would replay both.
   */
  explore(): Map<string, KafkaEventHandler> {
    const handlers = new Map<string, KafkaEventHandler>();
    const owners = new Map<string, string>();
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
        const owner = `${instance.constructor.name}.${name}`;
        if (owners.has(topic)) {
          throw new Error(`@KafkaListener("${topic}") is declared twice: ${owners.get(topic)} and ${owner}`);
        }
        owners.set(topic, owner);
        handlers.set(topic, (method as KafkaEventHandler).bind(instance));
      }
    }
    return handlers;
  }
}
