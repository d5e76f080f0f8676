import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingTask } from '@oms/service-runtime';
import { LateOrderWatchdog } from './late-order.watchdog';

/**
 * Runs the watchdog every LATE_ORDER_WATCHDOG_INTERVAL_MS (0 = only when
 * asked over HTTP). Runs never overlap within a replica; replicas share the
 * orders through row locks.
 */
@Injectable()
export class LateOrderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new RepeatingTask('late-order watchdog', () => this.watchdog.run());

  constructor(
    private readonly watchdog: LateOrderWatchdog,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.getOrThrow<number>('LATE_ORDER_WATCHDOG_INTERVAL_MS'));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
