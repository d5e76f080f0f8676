import type { OutboxMessage } from './append-to-outbox.util';
import { insertOutboxRows } from './outbox-rows.sql';
import type { SqlClient } from './sql-client.types';

/** The open buffer of each transaction client that has one; a transaction's client is its own object. */
const buffers = new WeakMap<SqlClient, OutboxBuffer>();

/**
 * Outbox rows appended in one transaction, kept in append order and written
 * with one multi-row INSERT when the transaction's work is done, before it
 * commits. While a buffer is open for `tx`, appendToOutbox and
 * appendManyToOutbox on that `tx` add to it instead of inserting, so callers
 * need not know. The ids are then taken at flush time, still in append order,
 * and still while the transaction holds its aggregates' locks, so per-key
 * order is what it was.
 */
export class OutboxBuffer {
  private messages: OutboxMessage[] = [];

  private constructor(private readonly tx: SqlClient) {}

  /**
   * Runs `work` with a buffer open on `tx`, then writes what it appended. If
   * `work` throws, nothing is written (the caller's transaction rolls back).
   */
  static async around<R>(tx: SqlClient, work: (buffer: OutboxBuffer) => Promise<R>): Promise<R> {
    if (buffers.has(tx)) throw new Error('OutboxBuffer: this transaction already has an open outbox buffer');
    const buffer = new OutboxBuffer(tx);
    buffers.set(tx, buffer);
    try {
      const result = await work(buffer);
      await buffer.flush();
      return result;
    } finally {
      buffers.delete(tx);
    }
  }

  add(messages: readonly OutboxMessage[]): void {
    this.messages.push(...messages);
  }

  /** Writes the buffered rows now (one statement) and empties the buffer. */
  async flush(): Promise<void> {
    const messages = this.messages;
    this.messages = [];
    await insertOutboxRows(this.tx, messages);
  }

  /** Drops the buffered rows: their work was rolled back (to a savepoint). */
  discard(): void {
    this.messages = [];
  }
}

/** The buffer open on `tx`, if any. */
export function bufferOf(tx: SqlClient): OutboxBuffer | undefined {
  return buffers.get(tx);
}
