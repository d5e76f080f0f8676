import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReminderPoller, REMINDER_BATCH_SIZE } from '../reminders/reminder.poller';
import { DISPATCH_BATCH_SIZE, MessageDispatcher } from './message-dispatcher.service';

/**
 * The dispatch loop: every DISPATCH_INTERVAL_MS (0 = off), queue the reminders
 * that have come due, then send due messages, going again at once while
 * batches come back full. The next round is timed from the end of the last, so
 * rounds never overlap within a replica; replicas share rows through row locks.
 */
@Injectable()
export class DispatchScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DispatchScheduler.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly reminders: ReminderPoller,
    private readonly dispatcher: MessageDispatcher,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.getOrThrow<number>('DISPATCH_INTERVAL_MS');
    if (interval > 0) this.schedule(interval);
  }

  /** Stops the loop and lets the round in flight finish while the database and SMTP are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** One full round (also for tests and tools that run with the timer off). */
  async runOnce(): Promise<void> {
    let count: number;
    do count = await this.reminders.queueDue();
    while (count === REMINDER_BATCH_SIZE && !this.stopped);
    do count = await this.dispatcher.dispatchOnce();
    while (count === DISPATCH_BATCH_SIZE && !this.stopped);
  }

  private schedule(interval: number): void {
    this.timer = setTimeout(() => {
      this.inFlight = this.runOnce()
        .catch((error: unknown) => this.logger.error(`dispatch round failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.schedule(interval);
        });
    }, interval);
  }
}
