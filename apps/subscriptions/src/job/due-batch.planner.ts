import { randomUUID } from 'node:crypto';
import { createEnvelope, cycleKeyFor, EventTypes, Topics, type OrderDueV1 } from '@oms/contracts';
import type { OutboxMessage } from '@oms/outbox';
import { dueCycles, nextDueAfter } from '@oms/scheduling';
import type { OutOfStockPolicy } from '@oms/contracts';
import type { SubscriptionLine } from '../generated/prisma/client';
import { policyOf, scheduleOf, type SubscriptionWithSchedule } from '../subscriptions/subscription.schedule';

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
}

export interface SubscriptionPlan {
  cycles: CycleRow[];
  events: OutboxMessage[];
  lastHandledCycle: number;
  nextDueAt: Date | null;
  /** 'ended' once the schedule has no cycle left. */
  status: string;
}

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
  const schedule = scheduleOf(subscription);
  const due = dueCycles(schedule, subscription.lastHandledCycle, asOf, policyOf(subscription), CYCLES_PER_SUBSCRIPTION);
  const cycles: CycleRow[] = [];
  const events: OutboxMessage[] = [];
  const base = { subscriptionId: subscription.id, runId };
  for (const cycle of due.emit) {
    const cycleKey = cycleKeyFor(subscription.id, cycle.cycleIndex);
    const data: OrderDueV1 = {
      subscriptionId: subscription.id, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt.toISOString(),
      customerId: subscription.customerId, channel: subscription.channel, currency: subscription.currency,
      lines: subscription.lines.map((l) => ({ lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity })),
      outOfStockPolicy: subscription.outOfStockPolicy as OutOfStockPolicy,
      ...(subscription.customerEmail && { customerEmail: subscription.customerEmail }),
      ...(subscription.customerName && { customerName: subscription.customerName }),
      timeZone: subscription.timeZone,
      ...withNextDue(nextDueAfter(schedule, cycle.cycleIndex)),
    };
    // Key = subscription id: one subscription's cycles share a partition and arrive in cycle order.
    const envelope = createEnvelope({ type: EventTypes.orderDue, source: '/subscriptions', subject: subscription.id, data, correlationId });
    events.push({ topic: Topics.orderDue, envelope, key: subscription.id });
    cycles.push({ ...base, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt, status: 'emitted', skipReason: null, eventId: envelope.id });
  }
  for (const cycle of due.skip) {
    const cycleKey = cycleKeyFor(subscription.id, cycle.cycleIndex);
    cycles.push({ ...base, cycleIndex: cycle.cycleIndex, cycleKey, dueAt: cycle.dueAt, status: 'skipped', skipReason: cycle.reason, eventId: null });
  }
  cycles.sort((a, b) => a.cycleIndex - b.cycleIndex);
  const lastHandledCycle = cycles.at(-1)?.cycleIndex ?? subscription.lastHandledCycle;
  const nextDueAt = nextDueAfter(schedule, lastHandledCycle);
  return { cycles, events, lastHandledCycle, nextDueAt, status: nextDueAt ? subscription.status : 'ended' };
}

function withNextDue(next: Date | null): { nextDueAt?: string } {
  return next ? { nextDueAt: next.toISOString() } : {};
}

export function newCorrelationId(): string {
  return randomUUID();
}
