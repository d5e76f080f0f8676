import { cycleAt, type CycleInfo } from '@oms/scheduling';
import type { CycleOverride, SubscriptionLine } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import { scheduleOf } from '../subscriptions/subscription.schedule';
import { inPause, pauseWindowOf } from './pause-window';

/**
 * What the job does with one cycle: order these lines, or record it as skipped
 * (by a skip, a pause, or because every line of it was skipped).
 */
export type CycleDecision =
  | { kind: 'order'; lines: SubscriptionLine[]; skippedLineIds: string[] }
  | { kind: 'skip'; reason: 'override' | 'pause' };

/** Decides one existing cycle (overrides already applied by the schedule) for a subscription. */
export function decideCycle(subscription: FullSubscription, cycle: CycleInfo): CycleDecision {
  if (cycle.skipped) return { kind: 'skip', reason: 'override' };
  if (inPause(pauseWindowOf(subscription), cycle.dueAt)) return { kind: 'skip', reason: 'pause' };
  const skippedLineIds = overrideOf(subscription.overrides, cycle.cycleIndex)?.skippedLineIds ?? [];
  const lines = subscription.lines.filter((line) => !skippedLineIds.includes(line.id));
  return lines.length === 0 ? { kind: 'skip', reason: 'override' } : { kind: 'order', lines, skippedLineIds };
}

/** True when a pending period-end cancel stops the subscription at or before cycle `k`. */
export function cancelledBy(subscription: FullSubscription, k: number): boolean {
  return subscription.cancelAtCycle !== null && k >= subscription.cancelAtCycle;
}

export interface PlannedCycle {
  cycle: CycleInfo;
  decision: CycleDecision;
}

/**
 * The cycles after the last handled one as the job will treat them, oldest first: up to
 * `count` of them that will be ordered (with the skipped and paused ones in between when
 * `withSkipped`), ending at the schedule's end or a pending cancel. Scans at most
 * `maxScan` cycles so an open-ended pause cannot loop for ever.
 */
export function plannedCycles(subscription: FullSubscription, count: number, withSkipped = false, maxScan = 1000): PlannedCycle[] {
  if (!['active', 'paused', 'end-requested'].includes(subscription.status)) return [];
  const schedule = scheduleOf(subscription);
  const pause = pauseWindowOf(subscription);
  const planned: PlannedCycle[] = [];
  let ordered = 0;
  for (let k = subscription.lastHandledCycle + 1; ordered < count && k <= subscription.lastHandledCycle + maxScan; k += 1) {
    if (cancelledBy(subscription, k)) break;
    const cycle = cycleAt(schedule, k);
    if (!cycle || (pause && pause.until === null && cycle.dueAt >= pause.from)) break; // ended, or paused until resumed
    const decision = decideCycle(subscription, cycle);
    if (decision.kind === 'order') ordered += 1;
    if (decision.kind === 'order' || withSkipped) planned.push({ cycle, decision });
  }
  return planned;
}

/** Due time of the next cycle that will be ordered, or null (paused until resumed, cancelled, ended). */
export function nextOrderedAt(subscription: FullSubscription): Date | null {
  return plannedCycles(subscription, 1)[0]?.cycle.dueAt ?? null;
}

function overrideOf(overrides: CycleOverride[], k: number): CycleOverride | undefined {
  return overrides.find((override) => override.cycleIndex === k);
}
