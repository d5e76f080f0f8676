import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '../database/prisma.service';
import { MESSAGES_QUEUED_CHANNEL, MessagesQueued } from './messages-queued.signal';

/**
 * In a replica that queues messages but sends none (DISPATCH_INTERVAL_MS=0, beside a KAFKA_CONSUME=false replica that
 * sends), passes each MessagesQueued signal on as a NOTIFY on MESSAGES_QUEUED_CHANNEL, which the sending replicas LISTEN
 * to (DispatchScheduler): without it they found another process's messages only at their next tick. At most one NOTIFY
 * is in flight; signals meanwhile make one more after it, so a burst of batches costs two statements, not one each.
 */
@Injectable()
export class MessagesQueuedAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagesQueuedAnnouncer.name);
  private unsubscribe?: () => void;
  private sending?: Promise<void>;
  private again = false;

  constructor(private readonly prisma: PrismaService, private readonly queued: MessagesQueued, private readonly config: ConfigService) {}

  onApplicationBootstrap(): void {
    if (this.config.getOrThrow<number>('DISPATCH_INTERVAL_MS') > 0) return; // this replica sends: its own signal wakes it
    this.unsubscribe = this.queued.subscribe(() => this.announce());
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    // A NOTIFY still owed starts as the one in flight ends: wait for that one too, before the database closes.
    while (this.sending) await this.sending;
  }

  private announce(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.prisma.$executeRaw`SELECT pg_notify(${MESSAGES_QUEUED_CHANNEL}, '')`.then(
      () => undefined,
      (error: unknown) => this.logger.warn(`could not tell the sending replicas about queued messages (they find them at their next tick): ${error instanceof Error ? error.message : String(error)}`),
    ).finally(() => {
      this.sending = undefined;
      if (this.again) {
        this.again = false;
        this.announce();
      }
    });
  }
}
