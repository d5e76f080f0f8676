import { Injectable } from '@nestjs/common';

/**
 * The PostgreSQL channel on which a replica that queues messages but sends none (DISPATCH_INTERVAL_MS=0) tells the
 * replicas that send (a KAFKA_CONSUME=false one, say) that messages are due: MessagesQueued crosses processes there.
 */
export const MESSAGES_QUEUED_CHANNEL = 'messages_queued';

/**
 * In-process news that a committed transaction queued messages due now, so the dispatcher
 * sends them at once instead of at its next tick. A hint only: the message table is the record,
 * and the dispatcher's timer still finds whatever no signal announced. A replica that sends nothing
 * passes the news on to the others through PostgreSQL (MessagesQueuedAnnouncer).
 */
@Injectable()
export class MessagesQueued {
  private readonly listeners = new Set<() => void>();

  /** Call after the commit (an effect's `afterCommit`), never inside the transaction. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Notifies once the effect's transaction has committed: what a consumer that queued messages calls, so they are
   * sent at once rather than at the dispatcher's next round (DISPATCH_INTERVAL_MS).
   */
  afterCommitOf(context: { afterCommit(task: () => Promise<void>): void }): void {
    context.afterCommit(async () => this.notify());
  }

  /** @returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
