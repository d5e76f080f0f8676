import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { IsEmailAddress, IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedArray, NestedObject } from '../../validation/contract.decorators';
import { ActorV1 } from '../shared/actor-v1.schema';
import { FrequencyV1 } from '../shared/frequency-v1.schema';
import { OUT_OF_STOCK_POLICIES, type OutOfStockPolicy } from '../shared/out-of-stock-policy';
import { DUNNING_FINAL_ACTIONS, SUBSCRIPTION_REASON_CODES, type DunningFinalAction, type SubscriptionReasonCode } from '../shared/dunning-final-action';
import { ShipToV1 } from '../shared/ship-to-v1.schema';

/** Subscription states as published; `end-requested` waits for returns before `ended`. */
export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'paused', 'cancelled', 'ended', 'end-requested'] as const;
/** One of {@link SUBSCRIPTION_STATUSES}. */
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** One product line of a subscription; `lineId` is stable across cycles. */
export class SubscriptionLineV1 {
  @IsNonEmptyString()
  lineId: string;

  @IsNonEmptyString()
  productId: string;

  @IsNonEmptyString()
  sku: string;

  @IsIntAtLeast(1)
  quantity: number;
}

/** A rented line's swap to another product (`subscriptions.subscription.swap-requested.v1`). */
export class SubscriptionSwapV1 {
  @IsNonEmptyString()
  lineId: string;

  @IsNonEmptyString()
  fromProductId: string;

  @IsNonEmptyString()
  fromSku: string;

  @IsNonEmptyString()
  toProductId: string;

  @IsNonEmptyString()
  toSku: string;
}

/**
 * Subscription state after a change, shared by every `subscriptions.subscription.*.v1`
 * type. Carrying full state lets a consumer rebuild its read model from any one event.
 */
export class SubscriptionLifecycleV1 {
  @IsNonEmptyString()
  subscriptionId: string;

  @IsNonEmptyString()
  customerId: string;

  @IsIn(SUBSCRIPTION_STATUSES)
  status: SubscriptionStatus;

  @IsNonEmptyString()
  channel: string;

  @NestedObject(FrequencyV1)
  frequency: FrequencyV1;

  @IsIsoDate()
  startDate: string;

  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** Number of cycles already emitted as orders; 0 before the first. */
  @IsIntAtLeast(0)
  currentCycle: number;

  @NestedArray(SubscriptionLineV1, 1)
  lines: SubscriptionLineV1[];

  /** Why the change happened (pause reason, cancel reason, swap details). */
  @IsOptional()
  @IsString()
  reason?: string;

  /** Where the customer's emails go (notifications). */
  @IsOptional()
  @IsEmailAddress()
  customerEmail?: string;

  /** The subscription's IANA time zone: emails print its days and times there. */
  @IsOptional()
  @IsNonEmptyString()
  timeZone?: string;

  /** Due time of the next cycle not yet handled; absent once the subscription has ended. */
  @IsOptional()
  @IsIsoDate()
  nextDueAt?: string;

  /** True for a subscription to rental products (units held long-term, returned at the end). */
  @IsOptional()
  @IsBoolean()
  rental?: boolean;

  /** Rentals: the local date the unit is assumed back (a planning date; it does not end the subscription). */
  @IsOptional()
  @IsIsoDate()
  assumedReturnDate?: string;

  /** Set on swap-requested: which line swaps to which product. */
  @IsOptional()
  @NestedObject(SubscriptionSwapV1)
  swap?: SubscriptionSwapV1;
  /** Who made the change; absent on events older than actions. */
  @IsOptional()
  @NestedObject(ActorV1)
  actor?: ActorV1;

  /** Where each cycle's order is delivered. */
  @IsOptional()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;

  @IsOptional()
  @IsIn(OUT_OF_STOCK_POLICIES)
  outOfStockPolicy?: OutOfStockPolicy;

  /** What applies after a cycle's payment fails at every dunning step; absent: the orders payment setting decides. */
  @IsOptional()
  @IsIn(DUNNING_FINAL_ACTIONS)
  dunningFinalAction?: DunningFinalAction;

  /** Set when a service changed the subscription by itself for a typed reason (e.g. `payment-failed`). */
  @IsOptional()
  @IsIn(SUBSCRIPTION_REASON_CODES)
  reasonCode?: SubscriptionReasonCode;
}
