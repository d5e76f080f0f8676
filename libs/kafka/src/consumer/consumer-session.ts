import { Logger } from '@nestjs/common';
import { MessagesStreamFallbackModes, MessagesStreamModes, type GroupAssignment, type MessagesStream } from '@platformatic/kafka';
import type { EventConsumer } from '../module/kafka-client.service';
import { kafkaErrorText } from '../module/kafka-error.util';
import type { ResolvedKafkaOptions } from '../module/kafka-module-options.interface';
import { commitChunk } from './chunk-commit';
import { incoming, type ConsumedMessage } from './consumed-message';
import type { EventMessageProcessor } from './event-message.processor';
import type { BatchEventHandler } from './listener-context.interface';
import { PartitionQueues, type Chunk } from './partition-queues';

/** What a session needs from the host. */
export interface SessionSettings {
  consumer: EventConsumer;
  options: ResolvedKafkaOptions;
  handlers: Map<string, BatchEventHandler>;
  processor: EventMessageProcessor;
  /** Aborted when the service stops: retries still running are abandoned. */
  stopping: AbortSignal;
  /** Called once if the session dies (the stream or the group failed for good); the host starts a new one. */
  onCrash(error: Error): void;
}

/**
 * One membership of the service's group: one stream over every listened topic,
 * split into per-partition queues; chunks of up to `maxBatchSize` messages of
 * one topic (one or more of its partitions, each in order) go to the topic's
 * handler, at most `partitionsConcurrency` chunks at once and one per partition,
 * and a chunk's offsets are committed once the whole chunk was handled or
 * dead-lettered, for the partitions this member still owns.
 */
export class ConsumerSession {
  private readonly logger = new Logger('KafkaConsumerHost');
  private readonly queues = new PartitionQueues<ConsumedMessage>();
  private readonly dead = new AbortController();
  private stream?: MessagesStream<string, Buffer, string, string>;
  private running = 0;
  private closing = false;
  private rebalancing = false;
  private pumpScheduled = false;
  private readonly idleWaiters: (() => void)[] = [];
  private teardown: Promise<void> = Promise.resolve();
  /** Backpressure: the stream pauses above this many queued messages and resumes below half of it. */
  private readonly highWater: number;

  constructor(private readonly settings: SessionSettings) {
    this.highWater = Math.max(1_000, settings.options.maxBatchSize * 20);
  }

  /** Joins the group and starts consuming; throws (the consumer closed) when the topics cannot be subscribed. */
  async start(): Promise<void> {
    const { consumer, options, handlers } = this.settings;
    consumer.on('consumer:group:join', ({ assignments }) => this.onJoin(assignments ?? []));
    consumer.on('consumer:group:rebalance', () => { this.rebalancing = true; });
    consumer.on('error', (error: Error) => this.crash(error));
    const topics = [...handlers.keys()];
    try {
      this.stream = await consumer.consume({
        topics,
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode: options.fromBeginning ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST,
      });
    } catch (error) {
      this.dead.abort(error);
      await consumer.close(true).catch(() => undefined);
      // Typically a topic that was never created (broker auto-create is off).
      throw new Error(`Kafka consumer ${options.groupId} cannot subscribe to ${topics.join(', ')}: ${kafkaErrorText(error)}`, { cause: error });
    }
    this.stream.on('data', (message: ConsumedMessage) => this.accept(message));
    this.stream.on('error', (error: Error) => this.crash(error));
    this.stream.on('close', () => this.crash(new Error('the message stream closed')));
  }

  /** Stops fetching, lets the chunks in flight finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    if (this.closing || this.dead.signal.aborted) return this.whenIdle();
    this.closing = true;
    this.stream?.pause();
    await this.whenIdle();
    this.queues.clear();
    await this.stream?.close().catch(() => undefined);
    await this.settings.consumer.close(true).catch((error: unknown) => this.logger.warn(`leaving the group failed: ${kafkaErrorText(error)}`));
  }

  /** Resolves once a crashed session has finished its chunks in flight and closed its consumer. */
  closed(): Promise<void> {
    return this.teardown;
  }

  /** Resolves once no chunk is in flight. */
  whenIdle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private accept(message: ConsumedMessage): void {
    if (this.closing || this.dead.signal.aborted || !this.queues.push(message)) return;
    if (this.queues.size >= this.highWater && !this.stream!.isPaused()) this.stream!.pause();
    // A fetch response arrives as a synchronous run of messages: queue all of it before chunks are cut.
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private onJoin(assignments: GroupAssignment[]): void {
    this.rebalancing = false;
    this.queues.assign(assignments);
    this.pump();
  }

  /** Starts chunks while workers are free; none during a rebalance (ownership is about to change) or once stopping. */
  private pump(): void {
    const { maxBatchSize, partitionsConcurrency } = this.settings.options;
    while (this.running < partitionsConcurrency && !this.rebalancing && !this.closing && !this.dead.signal.aborted) {
      const chunk = this.queues.take(maxBatchSize);
      if (!chunk) break;
      this.running += 1;
      void this.handleChunk(chunk).finally(() => {
        this.running -= 1;
        this.queues.release(chunk);
        if (this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        this.pump();
      });
    }
    const stream = this.stream;
    if (stream?.isPaused() && !this.closing && this.queues.size < this.highWater / 2) stream.resume();
  }

  private async handleChunk({ topic, parts }: Chunk<ConsumedMessage>): Promise<void> {
    const { processor, handlers, stopping } = this.settings;
    const signal = AbortSignal.any([stopping, this.dead.signal, ...parts.map(({ queue }) => queue.lost.signal)]);
    const heartbeat = async (): Promise<void> => {
      if (signal.aborted) throw signal.reason;
    };
    try {
      await processor.processBatch(parts.flatMap(({ messages }) => messages.map(incoming)), handlers.get(topic)!, { heartbeat, signal });
    } catch (error) {
      // Nothing of the chunk is committed. Stopping or a lost partition: the next reader gets it again, and
      // the chunk's partitions still owned here take their messages back (each re-handled in order, idempotently).
      // Otherwise (the dead-letter topic unreachable, say) the partitions cannot go on in order: rejoin and re-read.
      if (!signal.aborted) this.crash(error instanceof Error ? error : new Error(String(error)));
      else parts.forEach((part) => this.queues.putBack(part));
      return;
    }
    const owned = new Map(parts.map(({ queue, messages }) => [messages.at(-1)!, queue]));
    const failure = await commitChunk([...owned.keys()], {
      consumer: this.settings.consumer,
      logger: this.logger,
      dead: this.dead.signal,
      rebalancing: this.rebalancing,
      owns: (last) => this.queues.owns(owned.get(last)!),
      settleTimeoutMs: this.settings.options.sessionTimeoutMs,
    });
    if (failure) this.crash(failure);
  }

  /** Ends the session for good: queued messages dropped, chunks in flight abandon retries, nothing more committed. */
  private crash(error: Error): void {
    if (this.closing || this.dead.signal.aborted) return;
    this.dead.abort(error);
    this.queues.clear();
    this.settings.onCrash(error);
    this.teardown = this.whenIdle()
      .then(() => this.stream?.close())
      .catch(() => undefined)
      .then(() => this.settings.consumer.close(true))
      .catch(() => undefined);
  }
}
