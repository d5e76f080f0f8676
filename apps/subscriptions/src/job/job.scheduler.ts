import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SubscriptionOrderJob } from './subscription-order.job';

/**
 * Runs the job every SCHEDULER_INTERVAL_MS (0 = manual runs only). The next
 * run is timed from the end of the previous one, so runs never overlap within
 * a replica; across replicas they share the due work through row locks.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly job: SubscriptionOrderJob,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.getOrThrow<number>('SCHEDULER_INTERVAL_MS');
    if (interval > 0) this.schedule(interval);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(interval: number): void {
    this.timer = setTimeout(() => {
      this.job
        .run('schedule')
        .catch((error: unknown) => this.logger.error(`scheduled run could not start: ${String(error)}`))
        .finally(() => !this.stopped && this.schedule(interval));
    }, interval);
  }
}
