import type { OutboxMessage } from './append-to-outbox.util';
import { bufferOf } from './outbox-buffer';
import { insertOutboxRows } from './outbox-rows.sql';
import type { SqlClient } from './sql-client.types';

/**
 * Writes many outbox rows with one statement (arrays unnested server-side), in
 * the caller's transaction and in the given order, so their ids, and hence
 * publication order per key, follow the array. For batch producers such as
 * the subscription-order job; single events use appendToOutbox. Inside an
 * `@IdempotentListener` effect the rows join the batch's buffer instead (see appendToOutbox).
 */
export async function appendManyToOutbox(tx: SqlClient, messages: readonly OutboxMessage[]): Promise<void> {
  const buffer = bufferOf(tx);
  if (buffer) buffer.add(messages);
  else await insertOutboxRows(tx, messages);
}
