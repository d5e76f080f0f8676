import { randomUUID } from 'node:crypto';
import { createEnvelope, cycleKeyFor, EventTypes, Topics, type OrderDueV1 } from '@oms/contracts';
import type { OutboxMessage } from '@oms/outbox';
import { checkedSchedule, dueCycles, nextDueAfter } from '@oms/scheduling';
import type { DunningFinalAction, OutOfStockPolicy, ShipToV1 } from '@oms/contracts';
import type { SubscriptionLine } from '../generated/prisma/client';
import { continuityFacts, termsOf } from '../continuity/continuity-terms';
import { cancelledBy, decideCycle } from '../lifecycle/cycle-plan';
import { policyOf, scheduleOf, type SubscriptionWithSchedule } from '../subscriptions/subscription.schedule';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';

/** At most this many cycles of one subscription per batch; the rest is picked up by the next batch of the run. */
export const CYCLES_PER_SUBSCRIPTION = 100;

export interface CycleRow {
  subscriptionId: string;
  cycleIndex: number;
  cycleKey: string;
  dueAt: Date;
  status: 'emitted' | 'skipped';
  skipReason: string | null;
  runId: string;
  eventId: string | null;
  /** Lines left out of an emitted cycle by a line skip. */
  skippedLineIds: string[];
}

export interface SubscriptionPlan {
  cycles: CycleRow[];
  events: OutboxMessage[];
  lastHandledCycle: number;
  nextDueAt: Date | null;
  /** 'ended' once the schedule has no cycle left; 'cancelled' when a pending period-end cancel took effect. */
  status: string;
  /** Due time of the first cycle not ordered because of a period-end cancel, when it took effect in this run. */
  cancelledAt: Date | null;
  /** Continuity programs: steps ordered so far, this run's included (0 for an ordinary subscription). */
  stepsOrdered: number;
  /** Why it ended, when `status` is 'ended' because a continuity program's last step was ordered. */
  endReason?: string;
}

const PROGRAM_COMPLETE = "the continuity program's last step was ordered (after the last step: end)";

/**
 * Pure part of the job for one subscription: which cycles are due at `asOf`,
 * which to emit and which to record as skipped (policy and overrides), the
 * due-order event of each emitted cycle, and where the subscription's
 * watermark and next due time move to.
 */
export function planSubscription(
  subscription: SubscriptionWithSchedule & { lines: SubscriptionLine[] },
  asOf: Date,
  runId: string,
  correlationId: string,
): SubscriptionPlan {
  // Validated once here, not again in each of its 2 + (due cycles) calls below (a third of planning's CPU).
  const schedule = checkedSchedule(scheduleOf(subscription));
  const due = dueCycles(schedule, subscription.lastHandledCycle, asOf, policyOf(subscription), CYCLES_PER_SUBSCRIPTION);
  const cycles: CycleRow[] = [];
  const events: OutboxMessage[] = [];
  const base = { subscriptionId: subscription.id, runId, skippedLineIds: [] as string[] };
  const missed = new Map(due.skip.map((cycle) => [cycle.cycleIndex, cycle.reason]));
  let cancelledAt: Date | null = null;
  let stepsOrdered = subscription.programStepsOrdered;
  let complete = false;
  for (const cycle of [...due.emit, ...due.skip].sort((a, b) => a.cycleIndex - b.cycleIndex)) {
    const cycleKey = cycleKeyFor(subscription.id, cycle.cycleIndex);
    if (cancelledBy(subscription, cycle.cycleIndex)) {
      cancelledAt = cycle.dueAt; // a pending period-end cancel: this cycle and every later one are not ordered
      break;
    }
    const decision = missed.has(cycle.cycleIndex) ? { kind: 'skip' as const, reason: missed.get(cycle.cycleIndex)! } : decideCycle(subscription, cycle, stepsOrdered);
    if (decision.kind === 'end') {
      complete = true; // a continuity program's last step is ordered: this cycle and every later one are not
      break;
    }
    if (decision.kind === 'skip') {
      cycles.push({ ...base, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt, status: 'skipped', skipReason: decision.reason, eventId: null });
      continue;
    }
    const data: OrderDueV1 = {
      subscriptionId: subscription.id, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt.toISOString(),
      customerId: subscription.customerId, channel: subscription.channel, currency: subscription.currency,
      lines: decision.lines.map((l) => ({ lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity, ...(l.unitPriceMinor !== undefined && { unitPriceMinor: l.unitPriceMinor }) })),
      ...(decision.step !== null && { continuity: continuityFacts(termsOf(subscription)!, decision.step) }),
      outOfStockPolicy: subscription.outOfStockPolicy as OutOfStockPolicy,
      // Orders copies it onto the cycle's dunning case; absent, orders' own payment setting applies.
      ...(subscription.dunningFinalAction && { dunningFinalAction: subscription.dunningFinalAction as DunningFinalAction }),
      ...(subscription.customerEmail && { customerEmail: subscription.customerEmail }),
      ...(subscription.customerName && { customerName: subscription.customerName }),
      timeZone: subscription.timeZone,
      ...(subscription.shipTo !== null && { shipTo: subscription.shipTo as unknown as ShipToV1 }),
      ...withNextDue(nextDueAfter(schedule, cycle.cycleIndex)),
    };
    // Key = subscription id: one subscription's cycles share a partition and arrive in cycle order.
    const envelope = createEnvelope({ type: EventTypes.orderDue, source: '/subscriptions', subject: subscription.id, data, correlationId, actor: SUBSCRIPTIONS_SYSTEM });
    events.push({ topic: Topics.orderDue, envelope, key: subscription.id });
    cycles.push({ ...base, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt, status: 'emitted', skipReason: null, eventId: envelope.id, skippedLineIds: decision.skippedLineIds });
    if (decision.step !== null) stepsOrdered += 1;
  }
  cycles.sort((a, b) => a.cycleIndex - b.cycleIndex);
  const lastHandledCycle = cycles.at(-1)?.cycleIndex ?? subscription.lastHandledCycle;
  if (cancelledAt) return { cycles, events, lastHandledCycle, nextDueAt: null, status: 'cancelled', cancelledAt, stepsOrdered };
  // With `end`, the subscription ends as soon as the last step is ordered, not when a later cycle comes due.
  const terms = termsOf(subscription);
  if (complete || (terms?.afterLast === 'end' && stepsOrdered >= terms.steps.length)) {
    return { cycles, events, lastHandledCycle, nextDueAt: null, status: 'ended', cancelledAt: null, stepsOrdered, endReason: PROGRAM_COMPLETE };
  }
  const nextDueAt = nextDueAfter(schedule, lastHandledCycle);
  return { cycles, events, lastHandledCycle, nextDueAt, status: nextDueAt ? subscription.status : 'ended', cancelledAt: null, stepsOrdered };
}

function withNextDue(next: Date | null): { nextDueAt?: string } {
  return next ? { nextDueAt: next.toISOString() } : {};
}

export function newCorrelationId(): string {
  return randomUUID();
}
