import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { WITH_LINES } from '../orders/order.mapper';
import { LateOrderSettingsService } from './late-order-settings.service';
import { LateOrderSteps } from './late-order-steps.service';
import { lateStep, smallestThresholds, thresholdFor, type LateOrderSettings } from './late-thresholds';

/** Statuses of an order that has not left the warehouse yet. */
export const UNSHIPPED_STATUSES = ['created', 'reserved', 'released', 'on-hold', 'backordered'] as const;

const MINUTE_MS = 60_000;

export interface LateOrderRun {
  startedAt: string;
  finishedAt: string;
  /** Unshipped orders past the smallest threshold that the run looked at. */
  scanned: number;
  noticed: number;
  cancelled: number;
}

interface Candidate {
  id: string;
  promised_ship_by: Date;
}

/**
 * Finds unshipped orders past their promised ship time, oldest promise first,
 * in batches of LATE_ORDER_BATCH_SIZE, each batch one transaction holding its
 * rows with FOR UPDATE SKIP LOCKED: replicas running at once take different
 * orders, and an order another transaction is changing (a shipment arriving)
 * waits for the next run. Under the lock the row is current, so an order
 * shipped meanwhile is left alone and a notice is never given twice.
 */
@Injectable()
export class LateOrderWatchdog {
  private readonly logger = new Logger(LateOrderWatchdog.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: LateOrderSettingsService,
    private readonly steps: LateOrderSteps,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<LateOrderRun> {
    const startedAt = this.clock.now();
    const settings = await this.settings.get();
    const totals = { scanned: 0, noticed: 0, cancelled: 0 };
    const batchSize = this.config.getOrThrow<number>('LATE_ORDER_BATCH_SIZE');
    let after: Candidate | null = null;
    for (;;) {
      const batch = await this.prisma.$transaction((tx) => this.batch(tx, settings, startedAt, after, batchSize), { timeout: 60_000 });
      totals.scanned += batch.claimed.length;
      totals.noticed += batch.noticed;
      totals.cancelled += batch.cancelled;
      if (batch.claimed.length < batchSize) break;
      after = batch.claimed[batch.claimed.length - 1]!;
    }
    if (totals.noticed || totals.cancelled) this.logger.log(`late orders: ${totals.noticed} noticed, ${totals.cancelled} cancelled`);
    return { startedAt: startedAt.toISOString(), finishedAt: this.clock.now().toISOString(), ...totals };
  }

  private async batch(tx: Prisma.TransactionClient, settings: LateOrderSettings, now: Date, after: Candidate | null, limit: number) {
    const smallest = smallestThresholds(settings);
    const noticeBefore = new Date(now.getTime() - smallest.noticeAfterMinutes * MINUTE_MS);
    const cancelBefore = new Date(now.getTime() - smallest.cancelAfterMinutes * MINUTE_MS);
    const afterAt = after?.promised_ship_by ?? new Date(0);
    const afterId = after?.id ?? '00000000-0000-0000-0000-000000000000';
    const claimed = await tx.$queryRaw<Candidate[]>`
      SELECT id, promised_ship_by FROM sales_order
      WHERE status = ANY(${[...UNSHIPPED_STATUSES]}::text[])
        AND promised_ship_by <= ${noticeBefore}
        AND (late_noticed_at IS NULL OR promised_ship_by <= ${cancelBefore})
        AND (promised_ship_by, id) > (${afterAt}, ${afterId}::uuid)
      ORDER BY promised_ship_by, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    let noticed = 0;
    let cancelled = 0;
    for (const { id } of claimed) {
      const order = await tx.salesOrder.findUniqueOrThrow({ where: { id }, include: WITH_LINES });
      const threshold = thresholdFor(settings, order.channel, order.deliveryMode);
      const step = lateStep(threshold, now.getTime() - order.promisedShipBy!.getTime(), order.lateNoticedAt !== null);
      if (step === 'notice') {
        await this.steps.notice(tx, order, threshold);
        noticed += 1;
      } else if (step === 'cancel') {
        await this.steps.cancel(tx, order, threshold);
        cancelled += 1;
      }
    }
    return { claimed, noticed, cancelled };
  }
}
