import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventPublisher } from '@oms/kafka';
import { OUTBOX_DATABASE, OUTBOX_NOTIFY_CHANNEL, OUTBOX_RELAY_LOCK_KEY, OUTBOX_RELAY_OPTIONS } from './outbox.constants';
import type { ResolvedOutboxRelayOptions } from './outbox-relay.options';
import { OutboxPgTransactions } from './outbox-pg-transactions';
import { PgChannelListener } from './pg-channel.listener';
import { prismaTransactions } from './prisma-transactions';
import type { SqlClient, TransactionalDatabase, TransactionRunner } from './sql-client.types';

interface OutboxRow {
  /** bigint as text: JSON-safe, and Prisma would otherwise return a BigInt. */
  row_id: string;
  topic: string;
  message_key: string;
  /** The envelope as JSON text, sent as it is: parsing each payload only to serialize it again was CPU and garbage for nothing. */
  payload: string;
  /** The envelope attributes the Kafka headers carry. */
  type: string;
  event_id: string;
  correlation_id: string;
}

/** Long enough for the Kafka client to exhaust its own send retries while the lock is held (Prisma's transaction, without a URL). */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** While wake-ups arrive, polling is only the safety net for a lost notification, so it can be slow. */
const POLL_WHILE_LISTENING_MS = 1_000;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent.
 *
 * Each batch runs in a transaction holding `pg_try_advisory_xact_lock`, so
 * only one replica per database relays at a time. That is what keeps per-key
 * order across replicas: with `FOR UPDATE SKIP LOCKED` alone, replica A could
 * claim rows 1-500 and replica B rows 501-1000, and B could publish an
 * aggregate's event 501 before A publishes its event 42 (or A fails and B
 * moves ahead). A replica that does not get the lock simply skips the tick.
 * A failed publish is recorded (`attempts`, `last_error`) and the same rows are
 * retried next tick, never skipped. Delivery is at least once. A published row is
 * marked (`published_at`) and kept for the sweep, or, with `keepPublished: false`,
 * deleted in the same transaction (the broker keeps the event for its own retention).
 *
 * It wakes on commit: every outbox write notifies a channel (see
 * appendToOutbox) that the relay LISTENs on, so an event leaves within a
 * round trip of its transaction, and the relay polls only as a safety net.
 *
 * Its statements are all SQL, with the same results from either driver (ids and payloads as text), so
 * each batch's transaction runs on pg directly when the database has a URL (every service's does): Prisma's pipeline around three statements per batch cost more CPU than they did.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  /** A tick is draining now; a wake-up meanwhile is remembered and honoured right after it. */
  private draining = false;
  private wakeRequested = false;
  private wakeups?: PgChannelListener;
  private readonly transactions: TransactionRunner<SqlClient>;

  constructor(
    @Inject(OUTBOX_DATABASE) private readonly db: TransactionalDatabase,
    private readonly publisher: EventPublisher,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: ResolvedOutboxRelayOptions,
    pg: OutboxPgTransactions,
  ) {
    this.transactions = pg.available ? pg : prismaTransactions(db, { timeout: TRANSACTION_TIMEOUT_MS });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    this.running = true;
    if (this.db.databaseUrl) {
      this.wakeups = new PgChannelListener({
        databaseUrl: this.db.databaseUrl, channel: OUTBOX_NOTIFY_CHANNEL, applicationName: 'outbox-relay-listener', onNotification: () => this.wake(), fallback: 'the relay polls',
      });
      await this.wakeups.start();
    }
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight, while Kafka and the database are still connected. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.inFlight;
    await this.wakeups?.stop();
  }

  /**
   * Publishes one batch if this replica gets the relay lock.
   * @returns rows published (0 when idle, locked out by another replica, or failed).
   */
  async drainOnce(): Promise<number> {
    return this.transactions.transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ acquired: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${OUTBOX_RELAY_LOCK_KEY}::bigint) AS acquired`;
      if (!lock?.acquired) return 0;
      // The alias must not be `id`: ORDER BY would then sort the text alias ('10' < '9'). Ordering by
      // (published_at, id), which is id order among unpublished rows, is the (published_at, id) index's
      // own order: ORDER BY id alone let PostgreSQL pick the primary key and filter out every published
      // row before the first unpublished one (a read growing with the table), or a bitmap scan and a
      // sort, which never marks the index entries of rows published since as dead.
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id::text AS row_id, topic, message_key, payload::text AS payload,
          payload->>'type' AS type, payload->>'id' AS event_id, payload->>'correlationid' AS correlation_id
        FROM outbox_event
        WHERE published_at IS NULL ORDER BY outbox_event.published_at, outbox_event.id LIMIT ${this.options.batchSize}`;
      if (rows.length === 0) return 0;
      return this.publishBatch(tx, rows);
    });
  }

  /** Unpublished rows: the relay's lag, for metrics and tests. */
  async backlog(): Promise<number> {
    const [row] = await this.db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM outbox_event WHERE published_at IS NULL`;
    return row?.count ?? 0;
  }

  private async publishBatch(tx: SqlClient, rows: OutboxRow[]): Promise<number> {
    const ids = rows.map((row) => row.row_id);
    try {
      await this.publisher.publishEncoded(rows.map((row) => ({
        topic: row.topic, key: row.message_key, value: row.payload, attributes: { type: row.type, id: row.event_id, correlationid: row.correlation_id },
      })));
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
      await tx.$executeRaw`
        UPDATE outbox_event SET attempts = attempts + 1, last_error = ${message} WHERE id = ANY(${ids}::bigint[])`;
      this.logger.error(`publishing ${rows.length} outbox rows from id ${ids[0]} failed, retrying next tick: ${message}`);
      return 0;
    }
    if (this.options.keepPublished) {
      await tx.$executeRaw`
        UPDATE outbox_event SET published_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY(${ids}::bigint[])`;
    } else {
      await tx.$executeRaw`DELETE FROM outbox_event WHERE id = ANY(${ids}::bigint[])`;
    }
    return rows.length;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** A committed outbox write: drain now, or right after the drain in progress (its rows may be newer than its read). */
  private wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private async tick(): Promise<void> {
    let published = 0;
    this.draining = true;
    this.wakeRequested = false;
    this.inFlight = this.drainOnce().then(
      (count) => { published = count; },
      (error: unknown) => { this.logger.error(`outbox relay tick failed: ${error instanceof Error ? error.message : String(error)}`); },
    );
    await this.inFlight;
    this.draining = false;
    if (!this.running) return;
    // A full batch means more is waiting, and a wake-up during the drain may be rows it did not see: go again at once.
    const more = published === this.options.batchSize || this.wakeRequested;
    this.schedule(more ? 0 : this.pollIntervalMs());
  }

  private pollIntervalMs(): number {
    return this.wakeups?.listening ? Math.max(this.options.intervalMs, POLL_WHILE_LISTENING_MS) : this.options.intervalMs;
  }
}
