import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import { OUTBOX_DATABASE } from './outbox.constants';
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
 * effect commit in one transaction, or neither does.
 */
@Injectable()
export class IdempotentConsumer {
  private readonly logger = new Logger(IdempotentConsumer.name);

  constructor(@Inject(OUTBOX_DATABASE) private readonly db: TransactionalDatabase) {}

  /**
   * @param consumer - stable name of the handling code, e.g. `orders.order-due`;
   *   two consumers of one event in one database each apply it once.
   * @param effect - the state change; it may call `appendToOutbox(tx, ...)` for
   *   follow-up events. It must use `tx` for every write to be atomic with the mark.
   */
  async handle<R>(
    consumer: string,
    envelope: EventEnvelope,
    effect: (tx: SqlClient) => Promise<R>,
  ): Promise<IdempotentOutcome<R>> {
    return this.db.$transaction(async (tx) => {
      // A concurrent delivery of the same event blocks on this row until we
      // commit, then inserts nothing: the effect cannot run twice.
      const inserted = await tx.$executeRaw`
        INSERT INTO processed_event (consumer, event_id) VALUES (${consumer}, ${envelope.id}::uuid)
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) {
        this.logger.debug(`${consumer}: skipped duplicate event ${envelope.id} (correlationid ${envelope.correlationid})`);
        return { applied: false };
      }
      return { applied: true, result: await effect(tx) };
    }, TRANSACTION_LIMITS);
  }
}
