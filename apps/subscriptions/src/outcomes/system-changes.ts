import { EventTypes, type EventEnvelope, type SubscriptionReasonCode } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { recordChange } from '../lifecycle/change-recorder';
import { localDateOf } from '../lifecycle/local-date';
import { FULL_SUBSCRIPTION } from '../lifecycle/subscription-action.runner';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';

/** Why the service changes a subscription by itself: the history's reason and, where one applies, the event's typed code. */
export interface SystemCause {
  event: EventEnvelope;
  reason: string;
  reasonCode?: SubscriptionReasonCode;
  at: Date;
}

const facts = (cause: SystemCause) => (cause.reasonCode ? { reasonCode: cause.reasonCode } : {});

/**
 * Pauses an active subscription from now, until resumed (POST /subscriptions/{id}/resume resumes it like any
 * other pause), as system:subscriptions; false when it was not active (nothing to pause).
 */
export async function pauseBySystem(tx: Prisma.TransactionClient, subscriptionId: string, cause: SystemCause): Promise<boolean> {
  const before = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  if (before.status !== 'active') return false;
  await tx.subscription.update({ where: { id: subscriptionId }, data: { status: 'paused', pausedFrom: cause.at, resumeAt: null } });
  const after = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  await recordChange(tx, {
    action: 'pause', actor: SUBSCRIPTIONS_SYSTEM, reason: cause.reason, at: cause.at, before, after, cause: cause.event,
    type: EventTypes.subscriptionPaused, facts: { pausedFrom: localDateOf(cause.at, after.timeZone), ...facts(cause) },
  });
  return true;
}

/** Cancels an active or paused subscription now (nothing more is ordered); false when it had ended or was cancelled already. */
export async function cancelBySystem(tx: Prisma.TransactionClient, subscriptionId: string, cause: SystemCause): Promise<boolean> {
  const before = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  if (before.status !== 'active' && before.status !== 'paused') return false;
  await tx.subscription.update({ where: { id: subscriptionId }, data: { status: 'cancelled', nextDueAt: null, cancelAtCycle: null } });
  const after = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  await recordChange(tx, {
    action: 'cancel', actor: SUBSCRIPTIONS_SYSTEM, reason: cause.reason, at: cause.at, before, after, cause: cause.event,
    type: EventTypes.subscriptionCancelled, facts: { when: 'now', cancelledAt: cause.at.toISOString(), ...facts(cause) },
  });
  return true;
}

/** Publishes that an already ordered cycle counts as skipped (its order was cancelled); the subscription carries on. */
export async function skipOrderedCycle(tx: Prisma.TransactionClient, subscriptionId: string, cycle: { cycleIndex: number; cycleKey: string; dueAt: Date }, cause: SystemCause): Promise<void> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
  await recordChange(tx, {
    action: 'skip', actor: SUBSCRIPTIONS_SYSTEM, reason: cause.reason, at: cause.at, before: subscription, after: subscription, cause: cause.event,
    type: EventTypes.subscriptionCycleSkipped, facts: { cycle: { cycleIndex: cycle.cycleIndex, cycleKey: cycle.cycleKey, dueAt: cycle.dueAt.toISOString() }, ...facts(cause) },
  });
}
