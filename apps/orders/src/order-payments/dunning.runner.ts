import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemActor } from '@oms/auth';
import { CLOCK, RepeatingTask, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { DunningCases } from '../payments/dunning/dunning-cases';
import { PaymentRetry, type RetryResult } from './payment-retry.service';

/** The dunning loop's own decisions. */
export const DUNNING_ACTOR = systemActor('orders-dunning');

export interface DunningRun {
  at: string;
  retried: number;
  outcomes: Array<{ orderId: string; result: RetryResult }>;
}

/**
 * Tries every dunning retry that is due by the injected clock, one case per
 * transaction: the case row is claimed with FOR UPDATE SKIP LOCKED, so
 * replicas (and a manual run) never try one step twice, and the retry moves
 * the case past the step before the lock is released.
 */
@Injectable()
export class DunningRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new RepeatingTask('DunningRunner', () => this.runDue());

  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: DunningCases,
    private readonly retries: PaymentRetry,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(Number(this.config.get('DUNNING_INTERVAL_MS') ?? 60000));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async runDue(limit = 500): Promise<DunningRun> {
    const at = this.clock.now();
    const outcomes: DunningRun['outcomes'] = [];
    while (outcomes.length < limit) {
      const done = await this.prisma.$transaction(async (tx) => {
        const [orderId] = await this.cases.claimDue(tx, at, 1);
        if (!orderId) return null;
        return { orderId, result: await this.retries.retry(tx, orderId, { correlationId: undefined, actor: DUNNING_ACTOR }) };
      }, { timeout: 30000 });
      if (!done) break;
      outcomes.push(done);
    }
    return { at: at.toISOString(), retried: outcomes.length, outcomes };
  }
}
