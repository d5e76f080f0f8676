import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import type { BatchFailure, ConsumedEvent } from '@oms/kafka';
import type { BatchEffect, BatchEvent } from './batch-effect.decorator';
import type { EffectContext, IdempotentEffect } from './idempotent-listener.decorator';
import { OutboxBuffer } from './outbox-buffer';
import { OutboxPgTransactions } from './outbox-pg-transactions';
import { PgVariantDeclined } from './pg-variant.decorator';
import { markProcessed } from './processed-event.sql';
import { OUTBOX_DATABASE } from './outbox.constants';
import { prismaTransactions } from './prisma-transactions';
import type { SqlClient, TransactionalDatabase, TransactionRunner } from './sql-client.types';

/**
 * Room for a batch of effects that wait on contended rows (stock); Prisma's
 * default (5 s) would only turn a slow batch into a retry.
 */
const TRANSACTION_LIMITS = { timeout: 60_000, maxWait: 10_000 };

/** Outcome of {@link IdempotentConsumer.handle}. */
export interface IdempotentOutcome<R> {
  /** false when this consumer had already processed the event: the effect did not run. */
  applied: boolean;
  /** The effect's return value when it ran. */
  result?: R;
}

type AfterCommit = () => Promise<void>;

/**
 * Applies events' effects at most once per consumer, even though Kafka
 * delivers at least once: each event's `processed_event(consumer, event_id)`
 * row and its effect commit in one transaction, or neither does. `Tx` is the
 * service's transaction client (e.g. `Prisma.TransactionClient`).
 * `@IdempotentListener` methods go through {@link applyBatch}, or {@link applyBatchOnPg}.
 */
@Injectable()
export class IdempotentConsumer<Tx extends SqlClient = SqlClient> {
  private readonly logger = new Logger(IdempotentConsumer.name);
  private readonly prisma: TransactionRunner<Tx>;

  constructor(
    @Inject(OUTBOX_DATABASE) private readonly db: TransactionalDatabase<Tx>,
    @Inject(OutboxPgTransactions) private readonly pg: TransactionRunner<SqlClient>,
  ) {
    this.prisma = prismaTransactions(db, TRANSACTION_LIMITS);
  }

  /**
   * One event, one transaction, for callers outside a Kafka batch.
   * @param consumer - stable name of the handling code, e.g. `orders.order-due`.
   * @param effect - the state change; every write through `tx`.
   */
  async handle<R>(consumer: string, envelope: EventEnvelope, effect: (tx: Tx) => Promise<R>): Promise<IdempotentOutcome<R>> {
    return this.db.$transaction(async (tx) => {
      // A concurrent delivery of the same event blocks on this row until we
      // commit, then inserts nothing: the effect cannot run twice.
      if ((await markProcessed(tx, consumer, [envelope.id])).size === 0) {
        this.skipped(consumer, envelope);
        return { applied: false };
      }
      return { applied: true, result: await OutboxBuffer.around(tx, () => effect(tx)) };
    }, TRANSACTION_LIMITS);
  }

  /**
   * A batch of one topic's events (one or more partitions) in one transaction: one statement marks
   * them all, then each new one's effect runs in offset order. If anything
   * fails, the batch is rolled back and applied again with a savepoint per
   * event: a failing event is rolled back alone, later events of its key are
   * held back (per-key order), the rest commit. The effects' outbox rows are
   * buffered and written with one INSERT before the commit (per event, inside
   * its savepoint, on the isolated pass), in append order.
   * With `batchEffect` (an `@IdempotentBatchEffect`), the first pass hands it the batch's new events at once
   * (when there are two or more) instead of running `effect` per event; the isolated pass after a failure runs
   * `effect` per event.
   * @returns the events whose effect did not commit (the consumer retries them alone).
   */
  applyBatch(consumer: string, events: ConsumedEvent[], effect: IdempotentEffect<Tx>, batchEffect?: BatchEffect<Tx>): Promise<BatchFailure[]> {
    return this.apply(this.prisma, consumer, events, effect, batchEffect);
  }

  /**
   * {@link applyBatch} in a transaction on pg directly, for effects that are all SQL: Prisma's request
   * pipeline around each raw statement (parameters serialized, its query compiler, its transaction
   * manager) was most of a consumer's CPU. The effect gets a plain {@link SqlClient}; rows read as Prisma's.
   */
  applyBatchOnPg(consumer: string, events: ConsumedEvent[], effect: IdempotentEffect<SqlClient>, batchEffect?: BatchEffect<SqlClient>): Promise<BatchFailure[]> {
    return this.apply(this.pg, consumer, events, effect, batchEffect);
  }

  private async apply<T extends SqlClient>(
    runner: TransactionRunner<T>, consumer: string, events: ConsumedEvent[], effect: IdempotentEffect<T>, batchEffect?: BatchEffect<T>,
  ): Promise<BatchFailure[]> {
    if (events.length === 0) return [];
    let tasks: AfterCommit[];
    try {
      tasks = await runner.transaction((tx) => OutboxBuffer.around(tx, async () => {
        const fresh = await markProcessed(tx, consumer, events.map((event) => event.envelope.id));
        const queued: AfterCommit[] = [];
        const applied: BatchEvent[] = [];
        for (const event of events) {
          // delete: an event delivered twice within the batch is new only the first time.
          if (fresh.delete(event.envelope.id.toLowerCase())) applied.push({ envelope: event.envelope, context: effectContext(event, queued) });
          else this.skipped(consumer, event.envelope);
        }
        // One event goes to the listener: the batch form gains nothing there, and a batch of one that fails is
        // not applied again (below), so a fault of the batch form alone must not fail it.
        if (batchEffect && applied.length > 1) {
          await batchEffect(tx, applied);
        } else {
          for (const { envelope, context } of applied) await effect(tx, envelope, context);
        }
        return queued;
      }));
    } catch (error) {
      if (events.length === 1) return [{ event: events[0]!, error }];
      // Without this line a batch that keeps failing whole (a timeout on a loaded database, a deadlock) is only
      // visible as savepoints in the statement statistics.
      // A pg variant's decline is expected (its event goes to the listener next), not worth a warning.
      const log = error instanceof PgVariantDeclined ? 'debug' : 'warn';
      this.logger[log](`${consumer}: batch of ${events.length} rolled back (${errorText(error)}); applying it event by event`);
      return this.applyIsolated(runner, consumer, events, effect);
    }
    await this.runAfterCommit(tasks);
    return [];
  }

  private async applyIsolated<T extends SqlClient>(runner: TransactionRunner<T>, consumer: string, events: ConsumedEvent[], effect: IdempotentEffect<T>): Promise<BatchFailure[]> {
    const failures: BatchFailure[] = [];
    const failedKeys = new Set<string | null>();
    const tasks = await runner.transaction((tx) => OutboxBuffer.around(tx, async (outbox) => {
      const committed: AfterCommit[] = [];
      for (const event of events) {
        if (failedKeys.has(event.context.key)) {
          failures.push({ event }); // held back behind its key's failed event
          continue;
        }
        const queued: AfterCommit[] = [];
        await tx.$executeRawUnsafe('SAVEPOINT idempotent_event');
        try {
          const fresh = await markProcessed(tx, consumer, [event.envelope.id]);
          if (fresh.size > 0) await effect(tx, event.envelope, effectContext(event, queued));
          else this.skipped(consumer, event.envelope);
          await outbox.flush(); // inside the savepoint: an outbox row that cannot be written fails its own event only
          await tx.$executeRawUnsafe('RELEASE SAVEPOINT idempotent_event');
          committed.push(...queued);
        } catch (error) {
          outbox.discard();
          await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT idempotent_event');
          failures.push({ event, error });
          failedKeys.add(event.context.key);
        }
      }
      return committed;
    }));
    await this.runAfterCommit(tasks);
    return failures;
  }

  private async runAfterCommit(tasks: AfterCommit[]): Promise<void> {
    for (const task of tasks) {
      await task().catch((error: unknown) => this.logger.error(`after-commit task failed: ${errorText(error)}`));
    }
  }

  private skipped(consumer: string, envelope: EventEnvelope): void {
    this.logger.debug(`${consumer}: skipped duplicate event ${envelope.id} (correlationid ${envelope.correlationid})`);
  }
}

function effectContext(event: ConsumedEvent, queue: AfterCommit[]): EffectContext {
  return { ...event.context, afterCommit: (task) => { queue.push(task); } };
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
