import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { KafkaClient } from '../module/kafka-client.service';
import { EventMessageProcessor } from './event-message.processor';
import { KafkaListenerExplorer } from './kafka-listener.explorer';
import type { BatchEventHandler } from './listener-context.interface';

/**
 * Runs the service's one consumer: group `groupId`, subscribed to every topic
 * that has a listener. Messages arrive in batches per partition; each batch of
 * up to `maxBatchSize` goes to its topic's handler at once (one transaction for
 * `@IdempotentListener`s), and its offsets are committed by hand, once, after
 * every message of it was handled or dead-lettered. A crash can only cause
 * redelivery, never loss.
 */
@Injectable()
export class KafkaConsumerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KafkaConsumerHost.name);
  private readonly stopping = new AbortController();
  private consumer?: Consumer;
  private crash?: Error;
  /** Topics this service listens to (known after bootstrap). */
  topics: string[] = [];

  constructor(
    private readonly client: KafkaClient,
    private readonly explorer: KafkaListenerExplorer,
    private readonly processor: EventMessageProcessor,
  ) {}

  /** The error that stopped the consumer for good, if it did; health reports it. */
  get crashed(): Error | undefined {
    return this.crash;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.explorer.explore();
    this.topics = [...handlers.keys()];
    if (this.topics.length === 0) return; // a producer-only service joins no group
    await this.start(handlers);
    this.logger.log(`consumer ${this.client.options.groupId} listening to ${this.topics.join(', ')}`);
  }

  private async start(handlers: Map<string, BatchEventHandler>): Promise<void> {
    const { groupId, fromBeginning, sessionTimeoutMs } = this.client.options;
    const consumer = this.client.kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeoutMs / 3)),
      // Short fetch wait: disconnect waits for the pending fetch to return.
      maxWaitTimeInMs: 500,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return; // kafkajs restarts by itself; still healthy
      this.crash = payload.error;
      // kafkajs gives up on errors it deems non-retriable (a commit answered
      // "coordinator is not aware of this member" after a rebalance on a loaded
      // machine, for one); a service that stops consuming strands every order
      // behind it, so it rejoins the group with a fresh consumer instead.
      this.logger.error(`consumer ${groupId} crashed (${payload.error.message}); rejoining the group`);
      this.scheduleRestart(handlers, 1);
    });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning });
    } catch (error) {
      // Typically a topic that was never created (broker auto-create is off).
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Kafka consumer ${groupId} cannot subscribe to ${this.topics.join(', ')}: ${reason}`, { cause: error });
    }
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.client.options.partitionsConcurrency,
      eachBatch: (payload) => this.handleBatch(payload, handlers.get(payload.batch.topic)!),
    });
  }

  /** Restarts after a growing pause (1 s, 2 s, ... 30 s) until the consumer runs again or the service stops. */
  private scheduleRestart(handlers: Map<string, BatchEventHandler>, attempt: number): void {
    const delayMs = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
    setTimeout(() => {
      if (this.stopping.signal.aborted) return;
      this.consumer?.disconnect().catch(() => undefined);
      this.start(handlers).then(
        () => {
          this.crash = undefined;
          this.logger.log(`consumer ${this.client.options.groupId} rejoined the group`);
        },
        (error: unknown) => {
          this.logger.error(`consumer restart failed: ${error instanceof Error ? error.message : String(error)}`);
          this.scheduleRestart(handlers, attempt + 1);
        },
      );
    }, delayMs).unref();
  }

  /** Stops fetching, lets the in-flight message finish (or abandons its retries), leaves the group. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort(new Error('consumer is stopping'));
    await this.consumer?.disconnect();
  }

  /**
   * Keeps the group membership alive while a long batch runs: without a
   * heartbeat a batch of hundreds on a loaded machine outlasts the session
   * timeout, the member is dropped and the whole batch is redelivered. kafkajs
   * throttles heartbeat() to its interval; a refused one (a rebalance) is left
   * to the heartbeat after the batch, which rejoins.
   */
  private async whileBeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    const beat = setInterval(() => heartbeat().catch(() => undefined), 1_000);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  }

  private async handleBatch(payload: EachBatchPayload, handler: BatchEventHandler): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const { topic, partition } = batch;
    const size = this.client.options.maxBatchSize;
    for (let start = 0; start < batch.messages.length; start += size) {
      // Stopped or the partition moved: leave the rest uncommitted, for whoever owns it now.
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const messages = chunk.map((message) => ({ context: contextOf(topic, partition, message), value: message.value }));
      await this.whileBeating(heartbeat, () => this.processor.processBatch(messages, handler, { heartbeat, signal: this.stopping.signal }));
      const last = chunk.at(-1)!.offset;
      // The committed offset is the next one to read.
      await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(last) + 1n).toString() }]);
      resolveOffset(last);
      await heartbeat();
    }
  }
}

function contextOf(topic: string, partition: number, message: KafkaMessage) {
  return { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, headers: decodeHeaders(message.headers) };
}

function decodeHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}
