import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BackorderRetryService } from './backorder-retry.service';

/**
 * Retries every pending backorder each BACKORDER_SWEEP_INTERVAL_MS (0 = off).
 * The safety net for retries lost to a crash right after a stock change; the
 * next sweep is timed from the end of the previous one, so sweeps never overlap.
 */
@Injectable()
export class BackorderSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BackorderSweeper.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly retries: BackorderRetryService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.getOrThrow<number>('BACKORDER_SWEEP_INTERVAL_MS');
    if (interval > 0) this.schedule(interval);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(interval: number): void {
    this.timer = setTimeout(() => {
      this.retries
        .retryAll()
        .then((reserved) => reserved > 0 && this.logger.log(`backorder sweep reserved ${reserved} order(s)`))
        .catch((error: unknown) => this.logger.error(`backorder sweep failed: ${String(error)}`))
        .finally(() => !this.stopped && this.schedule(interval));
    }, interval);
  }
}
