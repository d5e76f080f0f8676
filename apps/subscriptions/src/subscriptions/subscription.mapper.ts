import { frequencyLabel, type DunningFinalAction, type FrequencyUnit, type ShipToV1, type SubscriptionLifecycleV1, type SubscriptionStatus } from '@oms/contracts';
import { DateTime } from 'luxon';
import type { SubscriptionLine } from '../generated/prisma/client';
import { continuityView } from '../continuity/continuity-terms';
import { nextOrderedAt } from '../lifecycle/cycle-plan';
import { localDateOf } from '../lifecycle/local-date';
import { isPauseOpen, pauseWindowOf } from '../lifecycle/pause-window';
import { currentSegment, type SubscriptionWithSchedule } from './subscription.schedule';

export type FullSubscription = SubscriptionWithSchedule & { lines: SubscriptionLine[] };

/**
 * The last local date on which a cycle may come due, in the subscription's
 * zone: an end date given as 2027-01-31 is stored as the end of that local day
 * and comes back as 2027-01-31; a default end (a local midnight) as the day before.
 */
export function lastLocalDate(endsAt: Date, timeZone: string): string {
  return DateTime.fromMillis(endsAt.getTime() - 1, { zone: timeZone }).toISODate()!;
}

/** The subscription as the API returns it, with IOM's field names alongside ours. `now` decides whether a pause is still open. */
export function toSubscriptionResponse(subscription: FullSubscription, now: Date) {
  const segment = currentSegment(subscription);
  const frequency = { unit: segment.unit as FrequencyUnit, interval: segment.interval };
  const zone = subscription.timeZone;
  const pause = pauseWindowOf(subscription);
  const nextDue = nextOrderedAt(subscription);
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customerId,
    customerEmail: subscription.customerEmail,
    customerName: subscription.customerName,
    channel: subscription.channel,
    createdBy: subscription.createdBy,
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
    /** Null: the orders payment setting decides (pause by default). */
    dunningFinalAction: subscription.dunningFinalAction,
    shipTo: (subscription.shipTo as ShipToV1 | null) ?? null,
    currentSubscriptionNumber: subscription.currentCycle,
    lastOrderedDate: subscription.lastOrderedAt?.toISOString() ?? null,
    /** Due time of the next cycle that will be ordered (pauses, skips and a pending cancel applied). */
    nextDueAt: nextDue?.toISOString() ?? null,
    pause: pause && isPauseOpen(pause, now)
      ? { from: pause.from.getTime() === 0 ? null : localDateOf(pause.from, zone), resumeOn: pause.until ? localDateOf(pause.until, zone) : null }
      : null,
    pendingCancel: subscription.cancelAtCycle === null ? null : { firstCancelledCycle: subscription.cancelAtCycle },
    lines: subscription.lines.map((l) => ({ lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity })),
    /** A continuity program enrolment: the program, its step count and the step the next ordered cycle is. */
    continuity: continuityView(subscription),
    rental: subscription.assumedReturnDate !== null,
    assumedReturnDate: subscription.assumedReturnDate,
    endRequestedAt: subscription.endRequestedAt?.toISOString() ?? null,
    createdAt: subscription.createdAt.toISOString(),
  };
}

/** Data of a subscriptions.subscription.* lifecycle event. */
export function toLifecycleData(subscription: FullSubscription, reason?: string): SubscriptionLifecycleV1 {
  const segment = currentSegment(subscription);
  const nextDue = nextOrderedAt(subscription);
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
    ...(subscription.assumedReturnDate && { rental: true, assumedReturnDate: subscription.assumedReturnDate }),
    ...(nextDue && { nextDueAt: nextDue.toISOString() }),
    ...(subscription.shipTo !== null && { shipTo: subscription.shipTo as unknown as ShipToV1 }),
    outOfStockPolicy: subscription.outOfStockPolicy as SubscriptionLifecycleV1['outOfStockPolicy'],
    ...(subscription.dunningFinalAction && { dunningFinalAction: subscription.dunningFinalAction as DunningFinalAction }),
    timeZone: subscription.timeZone,
  };
}
