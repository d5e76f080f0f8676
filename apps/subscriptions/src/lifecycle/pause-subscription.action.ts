import { EventTypes } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import { ActionConflictError, ActionRejectedError, stateConflict } from './lifecycle.errors';
import { localDateOf, startOfLocalDay } from './local-date';
import { pauseWindowOf } from './pause-window';
import { settleSkippedCycles } from './schedule-state';
import type { ActionResult, SubscriptionAction } from './subscription-action.runner';

/** States in which a subscription still has cycles to change. */
export function assertChangeable(subscription: FullSubscription, action: string): void {
  if (subscription.status !== 'active' && subscription.status !== 'paused') throw stateConflict(subscription.status, action);
}

export interface PauseRequest {
  from?: string;
  resumeOn?: string;
  reason?: string;
}

/**
 * Pauses now or from a local date, until resumed or until `resumeOn`. Cycles due in
 * the pause are recorded as skipped for the pause by the job, never ordered later.
 */
export function pauseAction(request: PauseRequest): SubscriptionAction {
  return {
    name: 'pause',
    reason: request.reason,
    async apply(tx: Prisma.TransactionClient, subscription: FullSubscription, now: Date): Promise<ActionResult> {
      assertChangeable(subscription, 'pause');
      if (subscription.status === 'paused') throw stateConflict('paused', 'pause');
      const zone = subscription.timeZone;
      const current = pauseWindowOf(subscription);
      if (current && current.from > now) {
        throw new ActionConflictError('pause-scheduled', `a pause from ${localDateOf(current.from, zone)} is already scheduled; resume first to change it`);
      }
      const today = localDateOf(now, zone);
      if (request.from && request.from < today) throw new ActionRejectedError('from', `from ${request.from} is in the past (today is ${today} in ${zone})`);
      const fromDate = request.from ?? today;
      if (request.resumeOn && request.resumeOn <= fromDate) {
        throw new ActionRejectedError('resumeOn', `resumeOn ${request.resumeOn} must be after the pause starts (${fromDate})`);
      }
      // Settle what the old pause skipped before its window is replaced.
      await settleSkippedCycles(tx, subscription.id, now);
      const pausedFrom = fromDate > today ? startOfLocalDay(fromDate, zone) : now;
      await tx.subscription.update({
        where: { id: subscription.id },
        data: { pausedFrom, resumeAt: request.resumeOn ? startOfLocalDay(request.resumeOn, zone) : null, status: pausedFrom <= now ? 'paused' : 'active' },
      });
      return { type: EventTypes.subscriptionPaused, facts: { pausedFrom: fromDate, ...(request.resumeOn && { resumeOn: request.resumeOn }) } };
    },
  };
}

/**
 * Resumes now (the next cycle is the next one of the anchor's rhythm after today; no
 * paused cycle is caught up) or on a local date (the pause then ends by itself).
 */
export function resumeAction(request: { on?: string }): SubscriptionAction {
  return {
    name: 'resume',
    async apply(tx, subscription, now) {
      if (subscription.status !== 'paused') throw stateConflict(subscription.status, 'resume');
      const zone = subscription.timeZone;
      const today = localDateOf(now, zone);
      if (request.on && request.on < today) throw new ActionRejectedError('on', `on ${request.on} is in the past (today is ${today} in ${zone})`);
      if (request.on && request.on > today) {
        await tx.subscription.update({ where: { id: subscription.id }, data: { resumeAt: startOfLocalDay(request.on, zone) } });
        return { type: EventTypes.subscriptionResumed, facts: { resumedOn: request.on } };
      }
      await resumeNow(tx, subscription, now);
      return { type: EventTypes.subscriptionResumed, facts: { resumedOn: today } };
    },
  };
}

/** Ends the pause at `now`: the cycles it covered are settled as skipped, the next one is ordered. */
export async function resumeNow(tx: Prisma.TransactionClient, subscription: FullSubscription, now: Date): Promise<void> {
  const pausedFrom = subscription.pausedFrom ?? new Date(0);
  await tx.subscription.update({ where: { id: subscription.id }, data: { status: 'active', pausedFrom, resumeAt: now } });
  await settleSkippedCycles(tx, subscription.id, now);
}
