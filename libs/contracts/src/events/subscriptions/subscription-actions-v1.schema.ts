import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedObject } from '../../validation/contract.decorators';
import { CYCLE_KEY_PATTERN } from './cycle-key.util';
import { SubscriptionLifecycleV1 } from './subscription-lifecycle-v1.schema';

// One class per subscription action event: the full subscription state (the base
// class) plus the facts of that action, typed, so no consumer parses `reason`.

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const localDate = () => Matches(LOCAL_DATE, { message: '$property must be a local date like 2026-03-31' });

/** `subscriptions.subscription.paused.v1`: paused now or from a date, optionally until a date. */
export class SubscriptionPausedV1 extends SubscriptionLifecycleV1 {
  /** Local date from which cycles are skipped for the pause. */
  @localDate()
  pausedFrom: string;

  /** Local date on which the subscription resumes by itself; absent: until resumed. */
  @IsOptional()
  @localDate()
  resumeOn?: string;
}

/** `subscriptions.subscription.resumed.v1`: active again from a local date, no catch-up of paused cycles. */
export class SubscriptionResumedV1 extends SubscriptionLifecycleV1 {
  @localDate()
  resumedOn: string;
}

/** The cycle an action changed. */
export class SubscriptionCycleV1 {
  @IsIntAtLeast(0)
  cycleIndex: number;

  @Matches(CYCLE_KEY_PATTERN, { message: '$property must look like sub:<subscriptionId>:cycle:<n>' })
  cycleKey: string;

  /** Due instant after the action. */
  @IsIsoDate()
  dueAt: string;

  /** Due instant before a reschedule. */
  @IsOptional()
  @IsIsoDate()
  previousDueAt?: string;

  /** Lines left out of this cycle only; absent when the whole cycle is skipped. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  skippedLineIds?: string[];
}

/** `subscriptions.subscription.cycle-skipped.v1`, `...cycle-unskipped.v1` and `...cycle-rescheduled.v1`. */
export class SubscriptionCycleChangedV1 extends SubscriptionLifecycleV1 {
  @NestedObject(SubscriptionCycleV1)
  cycle: SubscriptionCycleV1;
}

/** Fields `PATCH /subscriptions/{id}` can change, and a rental's assumed return date (`PUT .../assumed-return-date`). */
export const SUBSCRIPTION_CHANGE_FIELDS = ['frequency', 'anchor', 'lines', 'shipTo', 'customerEmail', 'outOfStockPolicy', 'dunningFinalAction', 'assumedReturnDate'] as const;
/** One of {@link SUBSCRIPTION_CHANGE_FIELDS}. */
export type SubscriptionChangeField = (typeof SUBSCRIPTION_CHANGE_FIELDS)[number];

/** `subscriptions.subscription.changed.v1`: applies from cycle `fromCycleIndex`, the next not yet ordered. */
export class SubscriptionChangedV1 extends SubscriptionLifecycleV1 {
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SUBSCRIPTION_CHANGE_FIELDS, { each: true })
  changedFields: SubscriptionChangeField[];

  @IsIntAtLeast(0)
  fromCycleIndex: number;
}

/** `subscriptions.subscription.cancel-scheduled.v1`: the subscription ends at `cancelAt`, ordering nothing from then on. */
export class SubscriptionCancelScheduledV1 extends SubscriptionLifecycleV1 {
  /** Due instant of the first cycle that will not be ordered. */
  @IsIsoDate()
  cancelAt: string;

  /** First cycle index that will not be ordered. */
  @IsIntAtLeast(0)
  firstCancelledCycle: number;
}

/** How a cancel was asked for. */
export const CANCEL_WHEN = ['now', 'period-end'] as const;
/** One of {@link CANCEL_WHEN}. */
export type CancelWhen = (typeof CANCEL_WHEN)[number];

/** `subscriptions.subscription.cancelled.v1`: nothing more is ordered. */
export class SubscriptionCancelledV1 extends SubscriptionLifecycleV1 {
  @IsIn(CANCEL_WHEN)
  when: CancelWhen;

  @IsIsoDate()
  cancelledAt: string;
}

/** `subscriptions.subscription.reactivated.v1`: a pending period-end cancel was withdrawn. */
export class SubscriptionReactivatedV1 extends SubscriptionLifecycleV1 {
  @IsNonEmptyString()
  withdrawnCancelAt: string;
}
