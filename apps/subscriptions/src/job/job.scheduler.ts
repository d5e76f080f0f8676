import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingTask } from '@oms/service-runtime';
import { SubscriptionOrderJob } from './subscription-order.job';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';

/**
 * Runs the job every SCHEDULER_INTERVAL_MS (0 = manual runs only). Runs never
 * overlap within a replica; across replicas they share the due work through
 * row locks.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new RepeatingTask('subscription-order job', () => this.job.run('schedule', SUBSCRIPTIONS_SYSTEM));

  constructor(
    private readonly job: SubscriptionOrderJob,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.getOrThrow<number>('SCHEDULER_INTERVAL_MS'));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
