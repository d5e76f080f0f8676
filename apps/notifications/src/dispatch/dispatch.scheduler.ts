import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PgChannelListener } from '@oms/outbox';
import { RepeatingTask } from '@oms/service-runtime';
import { MESSAGES_QUEUED_CHANNEL, MessagesQueued } from '../messages/messages-queued.signal';
import { ReminderPoller, REMINDER_BATCH_SIZE } from '../reminders/reminder.poller';
import { RENTAL_BATCH_SIZE, RentalRemindersPoller } from '../rental/rental-reminders.poller';
import { MessageDispatcher } from './message-dispatcher.service';

/**
 * Least time between the end of a dispatch round and one a newly queued message brings forward: at a steady
 * flow a round then sends what a few consumer batches queued, not one claim and one outcome write per batch.
 */
export const DISPATCH_WAKE_GAP_MS = 50;

/**
 * The dispatch loop: every DISPATCH_INTERVAL_MS (0 = off), queue the reminders
 * that have come due (renewal, rental check-in and status), then send due
 * messages, going again at once while batches come back full (the dispatcher keeps two rounds' worth of messages in flight,
 * and a loop round ends once it has claimed, not once its messages are sent).
 * Messages a consumer here queued bring the next round forward (MessagesQueued, after the commit), and so do those
 * a replica that sends nothing queued (its NOTIFY on MESSAGES_QUEUED_CHANNEL); such a round skips the reminder scans
 * unless the interval has passed since the last ones.
 * The next loop round is timed from the end of the last, so loop rounds never overlap within a replica; sending
 * rounds and replicas share rows through row locks and leases.
 */
@Injectable()
export class DispatchScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new RepeatingTask('mail dispatch', () => this.runOnce(), { wakeGapMs: DISPATCH_WAKE_GAP_MS });
  private readonly intervalMs: number;
  private remindersScannedAt = Number.NEGATIVE_INFINITY;
  private unsubscribe?: () => void;
  private readonly otherReplicas?: PgChannelListener;

  constructor(
    private readonly reminders: ReminderPoller,
    private readonly rentalReminders: RentalRemindersPoller,
    private readonly dispatcher: MessageDispatcher,
    private readonly queued: MessagesQueued,
    config: ConfigService,
  ) {
    this.intervalMs = config.getOrThrow<number>('DISPATCH_INTERVAL_MS');
    if (this.intervalMs > 0) {
      this.otherReplicas = new PgChannelListener({
        databaseUrl: config.getOrThrow<string>('DATABASE_URL'), channel: MESSAGES_QUEUED_CHANNEL, applicationName: 'notifications-dispatch-listener',
        onNotification: () => this.loop.wake(), fallback: 'messages other replicas queue wait for the next dispatch tick',
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.queued.subscribe(() => this.loop.wake());
    await this.otherReplicas?.start();
    this.loop.start(this.intervalMs);
  }

  /** Stops the loop and lets the rounds in flight finish while the database and SMTP are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.otherReplicas?.stop();
    await this.loop.stop();
    await this.dispatcher.settled();
  }

  /** One loop round: queues due reminders, claims due messages and starts sending them (see MessageDispatcher.dispatchDue). */
  async runOnce(): Promise<void> {
    if (Date.now() - this.remindersScannedAt >= this.intervalMs) {
      this.remindersScannedAt = Date.now();
      let count: number;
      do count = await this.reminders.queueDue();
      while (count === REMINDER_BATCH_SIZE && !this.loop.stopping);
      do count = await this.rentalReminders.queueDue();
      while (count === RENTAL_BATCH_SIZE && !this.loop.stopping);
    }
    await this.dispatcher.dispatchDue(() => this.loop.stopping);
  }
}
