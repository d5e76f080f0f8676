import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { KafkaListenerRegistry, takingOnly, type BatchFailure, type ConsumedEvent } from '@oms/kafka';
import { BATCH_EFFECT_METADATA, type BatchEffectMetadata, type BatchEffect } from './batch-effect.decorator';
import { IdempotentConsumer } from './idempotent-consumer.service';
import { IDEMPOTENT_LISTENER_METADATA, type IdempotentEffect, type IdempotentListenerMetadata } from './idempotent-listener.decorator';
import { PG_VARIANT_METADATA, PgVariantDeclined, type PgVariantMetadata } from './pg-variant.decorator';
import type { SqlClient } from './sql-client.types';

interface PgVariant extends PgVariantMetadata {
  effect: IdempotentEffect<SqlClient>;
  /** The variant's own `@IdempotentBatchEffect`, if any: its batch form on pg. */
  batchEffect?: BatchEffect<SqlClient>;
}

/**
 * Finds every `@IdempotentListener` method and registers it with the Kafka
 * consumer as a batch handler that applies it through {@link IdempotentConsumer}
 * (or its `@IdempotentListenerOnPg` variant, for a batch the variant takes; with an `@IdempotentBatchEffect`
 * of the listener, or of the variant, the batch's new events at once).
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
      const methods = this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)
        .map((name) => ({ name, method: (instance as Record<string, unknown>)[name] }))
        .filter((m): m is { name: string; method: IdempotentEffect<unknown> } => typeof m.method === 'function');
      const variants = new Map<string, PgVariant>();
      const batchEffects = new Map<string, BatchEffect<unknown>>();
      for (const { method } of methods) {
        const batch = this.reflector.get<BatchEffectMetadata | undefined>(BATCH_EFFECT_METADATA, method);
        if (batch) batchEffects.set(batch.listener, (method as unknown as BatchEffect<unknown>).bind(instance));
      }
      for (const { name, method } of methods) {
        const variant = this.reflector.get<PgVariantMetadata | undefined>(PG_VARIANT_METADATA, method);
        if (!variant) continue;
        variants.set(variant.listener, { ...variant, effect: method.bind(instance), batchEffect: batchEffects.get(name) });
        batchEffects.delete(name);
      }
      for (const { name, method } of methods) {
        const metadata = this.reflector.get<IdempotentListenerMetadata | undefined>(IDEMPOTENT_LISTENER_METADATA, method);
        if (!metadata) continue;
        const handler = `${instance.constructor.name}.${name}`;
        if (variants.has(name) && batchEffects.has(name)) throw new Error(`${handler}: a listener with a pg variant takes its batch effect on the variant (@IdempotentBatchEffect names the variant's method)`);
        this.register(handler, metadata, method.bind(instance), variants.get(name), batchEffects.get(name));
        variants.delete(name);
        batchEffects.delete(name);
      }
      const [orphan] = variants.keys();
      if (orphan !== undefined) throw new Error(`${instance.constructor.name}: @IdempotentListenerOnPg names '${orphan}', which is no @IdempotentListener method`);
      const [orphanBatch] = batchEffects.keys();
      if (orphanBatch !== undefined) throw new Error(`${instance.constructor.name}: @IdempotentBatchEffect names '${orphanBatch}', which is no @IdempotentListener or @IdempotentListenerOnPg method`);
    }
  }

  private register(
    handler: string, metadata: IdempotentListenerMetadata, effect: IdempotentEffect<unknown>, variant?: PgVariant, batchEffect?: BatchEffect<unknown>,
  ): void {
    const { topic, consumer, types, affects, transaction } = metadata;
    const applyAffecting = (events: ConsumedEvent[]) => {
      if (variant && events.length > 0 && events.every((event) => variant.when(event.envelope))) {
        return this.applyVariant(consumer, events, variant, effect);
      }
      return transaction === 'pg'
        ? this.idempotent.applyBatchOnPg(consumer, events, effect, batchEffect)
        : this.idempotent.applyBatch(consumer, events, effect, batchEffect);
    };
    const apply = affects ? (events: ConsumedEvent[]) => applyAffecting(events.filter((event) => affects(event.envelope))) : applyAffecting;
    this.registry.registerBatchHandler(topic, handler, types ? takingOnly(types, apply) : apply);
  }

  /**
   * On pg with the variant (its batch form first, if it has one: a batch form that declines or fails sends the batch
   * to the variant event by event); what it declined, with what its key held back behind it, again with the listener in
   * Prisma's transaction. A genuine failure (and what its key held back) is returned as it is, for the consumer's
   * retries: applying it once more in Prisma would only run a failing effect twice.
   */
  private async applyVariant(consumer: string, events: ConsumedEvent[], variant: PgVariant, listener: IdempotentEffect<unknown>): Promise<BatchFailure[]> {
    const failures = await this.idempotent.applyBatchOnPg(consumer, events, variant.effect, variant.batchEffect);
    const declinedKeys = new Set(failures.filter((failure) => failure.error instanceof PgVariantDeclined).map((failure) => failure.event.context.key));
    if (declinedKeys.size === 0) return failures;
    const [declined, failed] = partition(failures, (failure) => declinedKeys.has(failure.event.context.key) && !isGenuine(failure));
    const retried = await this.idempotent.applyBatch(consumer, declined.map((failure) => failure.event), listener);
    return [...failed, ...retried];
  }
}

/** A failure of its own (not a decline, not held back behind another event of its key). */
const isGenuine = (failure: BatchFailure): boolean => failure.error !== undefined && !(failure.error instanceof PgVariantDeclined);

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const [yes, no]: [T[], T[]] = [[], []];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
