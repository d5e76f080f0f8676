import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingTask } from '@oms/service-runtime';
import { ReminderPoller, REMINDER_BATCH_SIZE } from '../reminders/reminder.poller';
import { RENTAL_BATCH_SIZE, RentalRemindersPoller } from '../rental/rental-reminders.poller';
import { MessageDispatcher } from './message-dispatcher.service';

/**
 * The dispatch loop: every DISPATCH_INTERVAL_MS (0 = off), queue the reminders
 * that have come due (renewal, rental check-in and status), then send due
 * messages, going again at once while batches come back full (the dispatcher keeps two sending rounds in flight).
 * The next loop round is timed from the end of the last, so loop rounds never overlap within a replica; sending
 * rounds and replicas share rows through row locks and leases.
 */
@Injectable()
export class DispatchScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new RepeatingTask('mail dispatch', () => this.runOnce());

  constructor(
    private readonly reminders: ReminderPoller,
    private readonly rentalReminders: RentalRemindersPoller,
    private readonly dispatcher: MessageDispatcher,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.getOrThrow<number>('DISPATCH_INTERVAL_MS'));
  }

  /** Stops the loop and lets the round in flight finish while the database and SMTP are still open. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** One full round (also for tests and tools that run with the timer off). */
  async runOnce(): Promise<void> {
    let count: number;
    do count = await this.reminders.queueDue();
    while (count === REMINDER_BATCH_SIZE && !this.loop.stopping);
    do count = await this.rentalReminders.queueDue();
    while (count === RENTAL_BATCH_SIZE && !this.loop.stopping);
    await this.dispatcher.dispatchDue(() => this.loop.stopping);
  }
}
