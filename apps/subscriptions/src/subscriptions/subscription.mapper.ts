import { frequencyLabel, type FrequencyUnit, type SubscriptionLifecycleV1, type SubscriptionStatus } from '@oms/contracts';
import { DateTime } from 'luxon';
import type { SubscriptionLine } from '../generated/prisma/client';
import { currentSegment, type SubscriptionWithSchedule } from './subscription.schedule';

export type FullSubscription = SubscriptionWithSchedule & { lines: SubscriptionLine[] };

/** Statuses in which cycles keep coming due; any other has no next due instant to show. */
const STILL_DUE: readonly string[] = ['active', 'end-requested'];

/**
 * The last local date on which a cycle may come due, in the subscription's
 * zone: an end date given as 2027-01-31 is stored as the end of that local day
 * and comes back as 2027-01-31; a default end (a local midnight) as the day before.
 */
export function lastLocalDate(endsAt: Date, timeZone: string): string {
  return DateTime.fromMillis(endsAt.getTime() - 1, { zone: timeZone }).toISODate()!;
}

/** The subscription as the API returns it, with IOM's field names alongside ours. */
export function toSubscriptionResponse(subscription: FullSubscription) {
  const segment = currentSegment(subscription);
  const frequency = { unit: segment.unit as FrequencyUnit, interval: segment.interval };
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customerId,
    customerEmail: subscription.customerEmail,
    customerName: subscription.customerName,
    channel: subscription.channel,
    externalRef: subscription.externalRef,
    status: subscription.status,
    currency: subscription.currency,
    timeZone: segment.timeZone,
    fulfillmentFrequency: { ...frequency, label: frequencyLabel(frequency) },
    deliveryTime: segment.anchorTime,
    startDate: subscription.startDate,
    endDate: subscription.endDate ? lastLocalDate(subscription.endDate, subscription.timeZone) : null,
    endsAt: subscription.endDate?.toISOString() ?? null,
    maxCycles: subscription.maxCycles,
    catchUpPolicy: subscription.catchUpPolicy,
    outOfStockPolicy: subscription.outOfStockPolicy,
    currentSubscriptionNumber: subscription.currentCycle,
    lastOrderedDate: subscription.lastOrderedAt?.toISOString() ?? null,
    nextDueAt: (STILL_DUE.includes(subscription.status) && subscription.nextDueAt?.toISOString()) || null,
    lines: subscription.lines.map((l) => ({ lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity })),
    rental: subscription.assumedReturnDate !== null,
    assumedReturnDate: subscription.assumedReturnDate,
    endRequestedAt: subscription.endRequestedAt?.toISOString() ?? null,
    createdAt: subscription.createdAt.toISOString(),
  };
}

/** Data of a subscriptions.subscription.* lifecycle event. */
export function toLifecycleData(subscription: FullSubscription, reason?: string): SubscriptionLifecycleV1 {
  const segment = currentSegment(subscription);
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customerId,
    status: subscription.status as SubscriptionStatus,
    channel: subscription.channel,
    frequency: { unit: segment.unit as FrequencyUnit, interval: segment.interval },
    startDate: subscription.startDate,
    ...(subscription.endDate && { endDate: subscription.endDate.toISOString() }),
    currentCycle: subscription.currentCycle,
    lines: subscription.lines.map((l) => ({ lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity })),
    ...(reason && { reason }),
    ...(subscription.customerEmail && { customerEmail: subscription.customerEmail }),
    timeZone: subscription.timeZone,
    ...(subscription.nextDueAt && subscription.status === 'active' && { nextDueAt: subscription.nextDueAt.toISOString() }),
    ...(subscription.assumedReturnDate && { rental: true, assumedReturnDate: subscription.assumedReturnDate }),
  };
}
