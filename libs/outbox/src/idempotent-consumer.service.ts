import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import { OUTBOX_DATABASE } from './outbox.constants';
import { markProcessed } from './processed-event.sql';
import type { SqlClient, TransactionalDatabase } from './sql-client.types';

/**
 * Prisma's default interactive-transaction timeout (5 s) is too short for an
 * effect that waits on contended stock rows; a timeout would only cause a retry.
 */
const TRANSACTION_LIMITS = { timeout: 30000, maxWait: 10000 };

/** Outcome of {@link IdempotentConsumer.handle}. */
export interface IdempotentOutcome<R> {
  /** false when this consumer had already processed the event: the effect did not run. */
  applied: boolean;
  /** The effect's return value when it ran. */
  result?: R;
}

/**
 * Applies an event's effect at most once per consumer, even though Kafka
 * delivers at least once: the `processed_event(consumer, event_id)` row and the
 * effect commit in one transaction, or neither does. `Tx` is the service's
 * transaction client: inject `IdempotentConsumer<Prisma.TransactionClient>` and
 * the effect gets a typed `tx`, no cast.
 */
@Injectable()
export class IdempotentConsumer<Tx extends SqlClient = SqlClient> {
  private readonly logger = new Logger(IdempotentConsumer.name);

  constructor(@Inject(OUTBOX_DATABASE) private readonly db: TransactionalDatabase<Tx>) {}

  /**
   * @param consumer - stable name of the handling code, e.g. `orders.order-due`;
   *   two consumers of one event in one database each apply it once.
   * @param effect - the state change; it may call `appendToOutbox(tx, ...)` for
   *   follow-up events. It must use `tx` for every write to be atomic with the mark.
   */
  async handle<R>(
    consumer: string,
    envelope: EventEnvelope,
    effect: (tx: Tx) => Promise<R>,
  ): Promise<IdempotentOutcome<R>> {
    return this.db.$transaction(async (tx) => {
      // A concurrent delivery of the same event blocks on this row until we
      // commit, then inserts nothing: the effect cannot run twice.
      if ((await markProcessed(tx, consumer, [envelope.id])).size === 0) {
        this.logger.debug(`${consumer}: skipped duplicate event ${envelope.id} (correlationid ${envelope.correlationid})`);
        return { applied: false };
      }
      return { applied: true, result: await effect(tx) };
    }, TRANSACTION_LIMITS);
  }
}
