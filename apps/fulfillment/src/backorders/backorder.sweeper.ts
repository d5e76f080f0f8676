import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingTask } from '@oms/service-runtime';
import { BackorderRetryService } from './backorder-retry.service';

/**
 * Retries every pending backorder each BACKORDER_SWEEP_INTERVAL_MS (0 = off).
 * The safety net for retries lost to a crash right after a stock change.
 */
@Injectable()
export class BackorderSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BackorderSweeper.name);
  private readonly loop = new RepeatingTask('backorder sweep', async () => {
    const reserved = await this.retries.retryAll();
    if (reserved > 0) this.logger.log(`backorder sweep reserved ${reserved} order(s)`);
  });

  constructor(
    private readonly retries: BackorderRetryService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.getOrThrow<number>('BACKORDER_SWEEP_INTERVAL_MS'));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
