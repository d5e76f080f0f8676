import { cycleAt, type CycleInfo } from '@oms/scheduling';
import type { CycleOverride } from '../generated/prisma/client';
import { linesOfStep, stepAfter, termsOf, type CycleLine } from '../continuity/continuity-terms';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import { scheduleOf } from '../subscriptions/subscription.schedule';
import { inPause, pauseWindowOf } from './pause-window';

/**
 * What the job does with one cycle: order these lines (for a continuity program enrolment, the lines of `step`), record
 * it as skipped (by a skip, a pause, or because every line of it was skipped), or nothing more: the program's last
 * step was ordered and it ends there.
 */
export type CycleDecision =
  | { kind: 'order'; lines: CycleLine[]; skippedLineIds: string[]; step: number | null }
  | { kind: 'skip'; reason: 'override' | 'pause' }
  | { kind: 'end' };

/**
 * Decides one existing cycle (overrides already applied by the schedule) for a subscription. `stepsOrdered`: the
 * program steps ordered before this cycle (a skipped or paused cycle uses up no step).
 */
export function decideCycle(subscription: FullSubscription, cycle: CycleInfo, stepsOrdered = subscription.programStepsOrdered): CycleDecision {
  const terms = termsOf(subscription);
  const step = terms ? stepAfter(terms, stepsOrdered) : null;
  if (terms && step === null) return { kind: 'end' };
  if (cycle.skipped) return { kind: 'skip', reason: 'override' };
  if (inPause(pauseWindowOf(subscription), cycle.dueAt)) return { kind: 'skip', reason: 'pause' };
  const skippedLineIds = overrideOf(subscription.overrides, cycle.cycleIndex)?.skippedLineIds ?? [];
  const all: CycleLine[] = terms ? linesOfStep(terms, step!) : subscription.lines;
  const lines = all.filter((line) => !skippedLineIds.includes(line.id));
  return lines.length === 0 ? { kind: 'skip', reason: 'override' } : { kind: 'order', lines, skippedLineIds, step };
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
    const decision = decideCycle(subscription, cycle, subscription.programStepsOrdered + ordered);
    if (decision.kind === 'end') break; // a continuity program's last step is ordered: nothing follows
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
