import { Injectable } from '@nestjs/common';

/**
 * In-process news that a committed transaction queued messages due now, so the dispatcher
 * sends them at once instead of at its next tick. A hint only: the message table is the record,
 * and the dispatcher's timer still finds whatever no signal announced (another replica's, say).
 */
@Injectable()
export class MessagesQueued {
  private readonly listeners = new Set<() => void>();

  /** Call after the commit (an effect's `afterCommit`), never inside the transaction. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** @returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
