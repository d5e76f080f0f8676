import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OUTBOX_DATABASE, OUTBOX_SWEEP_OPTIONS } from './outbox.constants';
import type { ResolvedOutboxSweepOptions } from './outbox-sweep.options';
import type { SqlClient } from './sql-client.types';

/**
 * Deletes published outbox rows older than the retention, so the table and its
 * index stop growing with every event ever sent. Every `intervalMs` it deletes
 * in batches of `batchSize` rows, one statement (one short transaction) each,
 * until a batch comes back short. An unpublished row is never touched
 * (`published_at < ...` is false for NULL). Replicas skip each other's locked
 * rows instead of waiting on them.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxSweeper.name);
  private running = false;
  /** Set on shutdown: a sweep in progress ends after its current batch. */
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<unknown>;

  constructor(
    @Inject(OUTBOX_DATABASE) private readonly db: SqlClient,
    @Inject(OUTBOX_SWEEP_OPTIONS) private readonly options: ResolvedOutboxSweepOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.intervalMs === 0) return;
    this.running = true;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /**
   * Deletes every published row older than the retention, batch by batch.
   * @returns rows deleted.
   */
  async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.db.$executeRaw`
        DELETE FROM outbox_event WHERE id IN (
          SELECT id FROM outbox_event
          WHERE published_at < now() - ${this.options.retentionMs}::bigint * interval '1 millisecond'
          LIMIT ${this.options.batchSize} FOR UPDATE SKIP LOCKED)`;
      total += deleted;
      if (deleted < this.options.batchSize || this.stopping) return total;
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
  }

  private async tick(): Promise<void> {
    this.inFlight = this.sweepOnce().then(
      (deleted) => { if (deleted > 0) this.logger.log(`deleted ${deleted} published outbox rows older than ${this.options.retentionMs} ms`); },
      (error: unknown) => { this.logger.error(`outbox sweep failed: ${error instanceof Error ? error.message : String(error)}`); },
    );
    await this.inFlight;
    this.inFlight = undefined;
    if (this.running) this.schedule();
  }
}
