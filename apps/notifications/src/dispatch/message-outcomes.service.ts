import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemActor } from '@oms/auth';
import { createEnvelope, EventTypes, Topics, type MessageOutcomeV1 } from '@oms/contracts';
import { appendManyToOutbox, appendToOutbox } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Message } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { DispatchDatabase } from './dispatch-database';
import { afterFailure } from './retry-backoff';

const NOTIFICATIONS_SYSTEM = systemActor('notifications');

type OutcomeType = typeof EventTypes.messageSent | typeof EventTypes.messageFailed;

/**
 * Records how a send went, and announces final outcomes on the message topic in
 * the same transaction (outbox). Updates only a message still pending, so an
 * outcome that arrives twice (two replicas after an expired lease) counts once.
 */
@Injectable()
export class MessageOutcomes {
  constructor(
    private readonly prisma: PrismaService,
    private readonly database: DispatchDatabase,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records a round's successful sends in one transaction (one UPDATE for all, their events in one
   * outbox insert): per message it cost a transaction of its own, the dispatcher's largest share of
   * statements per email. Only messages still pending change, and only those are announced.
   */
  async sent(deliveries: ReadonlyArray<{ message: Message; providerMessageId: string }>): Promise<void> {
    if (deliveries.length === 0) return;
    const byId = new Map(deliveries.map((delivery) => [delivery.message.id, delivery.message]));
    await this.database.transaction(async (tx) => {
      const ids = deliveries.map((d) => d.message.id);
      // The message leaves the dispatch queue with its outcome, in the same statement.
      const updated = await tx.$queryRaw<{ id: string }[]>`
        WITH dequeued AS (DELETE FROM message_dispatch WHERE message_id = ANY(${ids}::uuid[]))
        UPDATE message AS m
        SET status = 'sent', attempts = m.attempts + 1, sent_at = ${this.clock.now()}, provider_message_id = v.provider_id,
            last_error = NULL, next_attempt_at = NULL
        FROM unnest(${ids}::uuid[], ${deliveries.map((d) => d.providerMessageId)}::text[]) AS v(id, provider_id)
        WHERE m.id = v.id AND m.status = 'pending'
        RETURNING m.id`;
      const announced = updated.map(({ id }) => byId.get(id)!);
      await appendManyToOutbox(tx, announced.map((message) => outcomeEvent(EventTypes.messageSent, message, message.attempts + 1)));
    });
  }

  /** A failed send: retried later with backoff, or failed for good once MAX_SEND_ATTEMPTS are used. */
  async failed(message: Message, error: string): Promise<'retry' | 'failed'> {
    const attempts = message.attempts + 1;
    const lastError = error.slice(0, 2000);
    const next = afterFailure(attempts, this.clock.now(), {
      maxAttempts: this.config.getOrThrow<number>('MAX_SEND_ATTEMPTS'),
      baseDelayMs: this.config.getOrThrow<number>('RETRY_BASE_DELAY_MS'),
    });
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.message.updateMany({
        where: { id: message.id, status: 'pending' },
        data: next.final ? { status: 'failed', attempts, lastError, nextAttemptAt: null } : { attempts, lastError, nextAttemptAt: next.retryAt },
      });
      // A retry waits in the dispatch queue until its time; a message failed for good (or no longer pending) leaves it.
      if (count === 1 && !next.final) await tx.messageDispatch.updateMany({ where: { messageId: message.id }, data: { nextAttemptAt: next.retryAt } });
      else await tx.messageDispatch.deleteMany({ where: { messageId: message.id } });
      if (count === 1 && next.final) await appendToOutbox(tx, outcomeEvent(EventTypes.messageFailed, message, attempts, lastError));
    });
    return next.final ? 'failed' : 'retry';
  }
}

function outcomeEvent(type: OutcomeType, message: Message, attempts: number, error?: string) {
  const data: MessageOutcomeV1 = {
    messageId: message.id,
    template: message.template,
    recipient: message.recipient,
    relatedEventId: message.eventId,
    attempts,
    ...(message.orderId && { orderId: message.orderId }),
    ...(message.subscriptionId && { subscriptionId: message.subscriptionId }),
    ...(message.customerId && { customerId: message.customerId }),
    ...(error !== undefined && { error }),
  };
  // Key = message id; the correlation id of the event that asked for the message carries on. Sending
  // (and giving up) is the dispatcher's own doing, hence the system actor.
  const envelope = createEnvelope({
    type, source: '/notifications', subject: message.id, data, correlationId: message.correlationId, causationId: message.eventId, actor: NOTIFICATIONS_SYSTEM,
  });
  return { topic: Topics.message, envelope };
}
