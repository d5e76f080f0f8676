import { Injectable } from '@nestjs/common';
import { EventTypes } from '@oms/contracts';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { recordChange } from '../lifecycle/change-recorder';
import { localDateOf } from '../lifecycle/local-date';
import { settleSkippedCycles } from '../lifecycle/schedule-state';
import { FULL_SUBSCRIPTION } from '../lifecycle/subscription-action.runner';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';

/** Subscriptions per transaction; the step repeats until none is left. */
const BATCH = 200;

/**
 * The job's first step: pauses whose start date has come take effect (active ->
 * paused), and pauses whose resume date has come end (paused -> active, the paused
 * cycles settled as skipped, no catch-up). Each with its history row and event,
 * by the scheduler. Rows are claimed with SKIP LOCKED, so replicas share the work.
 */
@Injectable()
export class PauseTransitions {
  constructor(private readonly prisma: PrismaService) {}

  async apply(asOf: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.prisma.$transaction((tx) => this.batch(tx, asOf), { timeout: 60000, maxWait: 10000 });
      total += done;
      if (done < BATCH) return total;
    }
  }

  private async batch(tx: Prisma.TransactionClient, asOf: Date): Promise<number> {
    const resuming = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM subscription WHERE status = 'paused' AND resume_at <= ${asOf}
      ORDER BY resume_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    const pausing = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM subscription WHERE status = 'active' AND paused_from <= ${asOf} AND (resume_at IS NULL OR resume_at > ${asOf})
      ORDER BY paused_from, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    for (const { id } of resuming) await this.transition(tx, id, asOf, 'active');
    for (const { id } of pausing) await this.transition(tx, id, asOf, 'paused');
    return Math.max(resuming.length, pausing.length);
  }

  private async transition(tx: Prisma.TransactionClient, id: string, asOf: Date, status: 'active' | 'paused'): Promise<void> {
    const before = await tx.subscription.findUniqueOrThrow({ where: { id }, include: FULL_SUBSCRIPTION });
    await tx.subscription.update({ where: { id }, data: { status } });
    if (status === 'active') await settleSkippedCycles(tx, id, asOf);
    const after = await tx.subscription.findUniqueOrThrow({ where: { id }, include: FULL_SUBSCRIPTION });
    const zone = after.timeZone;
    const at = status === 'active' ? before.resumeAt! : before.pausedFrom!;
    const facts = status === 'active'
      ? { resumedOn: localDateOf(at, zone) }
      : { pausedFrom: localDateOf(at, zone), ...(before.resumeAt && { resumeOn: localDateOf(before.resumeAt, zone) }) };
    await recordChange(tx, {
      action: status === 'active' ? 'resume' : 'pause', actor: SUBSCRIPTIONS_SYSTEM, at,
      reason: status === 'active' ? 'the pause ended on its resume date' : 'the scheduled pause started',
      before, after, type: status === 'active' ? EventTypes.subscriptionResumed : EventTypes.subscriptionPaused, facts,
    });
  }
}
