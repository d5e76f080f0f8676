import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { KafkaClient } from '../module/kafka-client.service';
import { ConsumerSession } from './consumer-session';
import { EventMessageProcessor } from './event-message.processor';
import { KafkaListenerExplorer } from './kafka-listener.explorer';
import type { BatchEventHandler } from './listener-context.interface';

/**
 * Runs the service's one consumer (@platformatic/kafka): group `groupId`,
 * subscribed to every topic that has a listener, one message stream split into
 * per-partition queues ({@link ConsumerSession}). Chunks of up to
 * `maxBatchSize` of one topic (one or more of its partitions) go to its handler at once (one
 * transaction for `@IdempotentListener`s), and each chunk's offsets are
 * committed by hand, once, after every message of it was handled or
 * dead-lettered. A crash can only cause redelivery, never loss.
 */
@Injectable()
export class KafkaConsumerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KafkaConsumerHost.name);
  private readonly stopping = new AbortController();
  private session?: ConsumerSession;
  private crash?: Error;
  /** Topics this service listens to (known after bootstrap). */
  topics: string[] = [];

  constructor(
    private readonly client: KafkaClient,
    private readonly explorer: KafkaListenerExplorer,
    private readonly processor: EventMessageProcessor,
  ) {}

  /** The error that stopped the consumer, until it has rejoined the group; health reports it. */
  get crashed(): Error | undefined {
    return this.crash;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.explorer.explore();
    this.topics = [...handlers.keys()];
    if (this.topics.length === 0) return; // a producer-only service joins no group
    if (!this.client.options.consume) {
      this.logger.log(`consuming is off (KAFKA_CONSUME=false): not joining ${this.client.options.groupId} for ${this.topics.join(', ')}`);
      return;
    }
    await this.start(handlers);
    this.logger.log(`consumer ${this.client.options.groupId} listening to ${this.topics.join(', ')}`);
  }

  private async start(handlers: Map<string, BatchEventHandler>): Promise<void> {
    const session = new ConsumerSession({
      consumer: this.client.createConsumer(),
      options: this.client.options,
      handlers,
      processor: this.processor,
      stopping: this.stopping.signal,
      onCrash: (error) => {
        this.crash = error;
        // A service that stops consuming strands every order behind it, so it
        // rejoins the group with a fresh consumer instead.
        this.logger.error(`consumer ${this.client.options.groupId} crashed (${error.message}); rejoining the group`);
        this.scheduleRestart(handlers, 1);
      },
    });
    this.session = session;
    await session.start();
    if (this.stopping.signal.aborted) await session.stop(); // the service began stopping while this one joined
  }

  /** Restarts after a growing pause (1 s, 2 s, ... 30 s) until the consumer runs again or the service stops. */
  private scheduleRestart(handlers: Map<string, BatchEventHandler>, attempt: number): void {
    const delayMs = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
    const previous = this.session;
    setTimeout(() => {
      if (this.stopping.signal.aborted) return;
      // The crashed session's chunks in flight finish first, so no two members of this process handle one partition.
      void (previous?.closed() ?? Promise.resolve())
        .then(() => {
          if (this.stopping.signal.aborted) return;
          return this.start(handlers).then(() => {
            this.crash = undefined;
            this.logger.log(`consumer ${this.client.options.groupId} rejoined the group`);
          });
        })
        .catch((error: unknown) => {
          this.logger.error(`consumer restart failed: ${error instanceof Error ? error.message : String(error)}`);
          this.scheduleRestart(handlers, attempt + 1);
        });
    }, delayMs).unref();
  }

  /** Stops fetching, lets the chunks in flight finish (their retries abandoned) and commit, leaves the group. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort(new Error('consumer is stopping'));
    await this.session?.stop();
  }
}
