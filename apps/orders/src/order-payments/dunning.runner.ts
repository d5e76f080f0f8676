import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemActor } from '@oms/auth';
import { CLOCK, RepeatingTask, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { DunningCases } from '../payments/dunning/dunning-cases';
import { AuthorizationCompletion, type CompletionResult } from '../orders/intake/authorization-completion.service';
import { ShipmentCapture, type CaptureResult } from '../payments/authorization/shipment-capture.service';
import type { SweptOrder } from '../payments/authorization/payment-sweep';
import { PaymentRetry, type RetryResult } from './payment-retry.service';

/** The dunning loop's own decisions. */
export const DUNNING_ACTOR = systemActor('orders-dunning');

export interface DunningRun {
  at: string;
  retried: number;
  outcomes: Array<{ orderId: string; result: RetryResult }>;
  /** New orders' first authorizations left pending (a crash between writing the order and recording the answer), completed now. */
  pendingAuthorizations: Array<SweptOrder<CompletionResult>>;
  /** Shipped orders whose capture a crash left undone, captured now. */
  captures: Array<SweptOrder<CaptureResult>>;
}

/**
 * Tries every dunning retry that is due by the injected clock, one case per
 * transaction: the case row is claimed with FOR UPDATE SKIP LOCKED, so
 * replicas (and a manual run) never try one step twice, and the retry moves
 * the case past the step before the lock is released. Each run first
 * completes the pending authorizations new orders left behind and the
 * captures shipped orders left undone (the sweeps).
 */
@Injectable()
export class DunningRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new RepeatingTask('DunningRunner', () => this.runDue());
  private startupSweep?: Promise<unknown>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: DunningCases,
    private readonly retries: PaymentRetry,
    private readonly authorizations: AuthorizationCompletion,
    private readonly captures: ShipmentCapture,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const interval = Number(this.config.get('DUNNING_INTERVAL_MS') ?? 60000);
    // At start-up too: authorizations a crashed process left pending wait no longer than the grace after it is back.
    if (interval > 0) this.startupSweep = this.authorizations.sweep().catch(() => undefined);
    this.task.start(interval);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.startupSweep;
    await this.task.stop();
  }

  async runDue(limit = 500): Promise<DunningRun> {
    // First the sweep: a pending authorization that fails opens its ladder, which the retries below then follow.
    const pendingAuthorizations = await this.authorizations.sweep();
    const captures = await this.captures.sweep();
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
    return { at: at.toISOString(), retried: outcomes.length, outcomes, pendingAuthorizations, captures };
  }
}
