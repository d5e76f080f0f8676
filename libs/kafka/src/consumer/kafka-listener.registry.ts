import { Injectable } from '@nestjs/common';
import type { BatchEventHandler } from './listener-context.interface';

/** A batch handler registered for a topic, and who registered it (for error messages). */
export interface RegisteredBatchHandler {
  topic: string;
  owner: string;
  handler: BatchEventHandler;
}

/**
 * Batch handlers registered by other libraries (e.g. `@IdempotentListener` from
 * `@oms/outbox`) during module init, before the consumer starts at bootstrap.
 */
@Injectable()
export class KafkaListenerRegistry {
  private readonly handlers: RegisteredBatchHandler[] = [];

  /** Adds `handler` for every message on `topic`; `owner` names it in a duplicate-topic error. */
  registerBatchHandler(topic: string, owner: string, handler: BatchEventHandler): void {
    this.handlers.push({ topic, owner, handler });
  }

  registered(): readonly RegisteredBatchHandler[] {
    return this.handlers;
  }
}
