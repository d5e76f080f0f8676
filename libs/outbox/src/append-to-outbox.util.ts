import type { EventEnvelope } from '@oms/contracts';
import { bufferOf } from './outbox-buffer';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.constants';
import type { SqlClient } from './sql-client.types';

/** An event to publish once the caller's transaction commits. */
export interface OutboxMessage {
  topic: string;
  envelope: EventEnvelope;
  /** Kafka message key; defaults to `envelope.subject` (the aggregate id). */
  key?: string;
}

/**
 * Writes `message` to `outbox_event` with `tx`, the caller's transaction, so the
 * event exists if and only if the state change commits. The relay publishes it.
 *
 * Per-key order is the order of `outbox_event.id`, i.e. of these inserts. Write
 * the outbox row after locking or updating the aggregate's own row, so two
 * transactions on one aggregate cannot commit their events out of id order.
 *
 * Inside an `@IdempotentListener` effect (and IdempotentConsumer.handle) the
 * row is buffered instead, and the batch's rows are written with one INSERT,
 * in append order, when its effects are done and before it commits (see
 * OutboxBuffer); a rolled-back event's rows go with it.
 *
 * @example
 * ```ts
 * await prisma.$transaction(async (tx) => {
 *   await tx.order.update({ where: { id }, data: { status: 'RELEASED' } });
 *   await appendToOutbox(tx, { topic: Topics.order, envelope: released });
 * });
 * ```
 */
export async function appendToOutbox(tx: SqlClient, message: OutboxMessage): Promise<void> {
  const buffer = bufferOf(tx);
  if (buffer) {
    buffer.add([message]);
    return;
  }
  const { topic, envelope } = message;
  const key = message.key ?? envelope.subject;
  // One statement: the insert, and a notification PostgreSQL delivers only if the transaction commits
  // (and once per transaction, however many rows it wrote), which wakes the relay.
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO outbox_event (event_id, topic, message_key, payload)
      VALUES (${envelope.id}::uuid, ${topic}, ${key}, ${JSON.stringify(envelope)}::jsonb)
      RETURNING id)
    SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '') FROM inserted`;
}
