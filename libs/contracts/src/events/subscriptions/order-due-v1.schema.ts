import { IsIn, IsOptional, Matches } from 'class-validator';
import { ShipToV1 } from '../shared/ship-to-v1.schema';
import { OUT_OF_STOCK_POLICIES, type OutOfStockPolicy } from '../shared/out-of-stock-policy';
import { DUNNING_FINAL_ACTIONS, type DunningFinalAction } from '../shared/dunning-final-action';
import { IsCurrencyCode, IsEmailAddress, IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedArray, NestedObject } from '../../validation/contract.decorators';
import { SubscriptionLineV1 } from './subscription-lifecycle-v1.schema';
import { CYCLE_KEY_PATTERN } from './cycle-key.util';

/** A subscription line to put on the due order (same shape as the subscription's lines). */
export class OrderDueLineV1 extends SubscriptionLineV1 {
  /**
   * The agreed unit price in minor units of the event's currency, when the subscription fixes it (a continuity
   * program step's price): the order uses it instead of the catalog list price. Absent: the catalog price applies.
   */
  @IsOptional()
  @IsIntAtLeast(0)
  unitPriceMinor?: number;
}

/** Which step of a continuity program a due cycle is (AX continuity: a defined series of shipments). */
export class OrderDueContinuityV1 {
  @IsNonEmptyString()
  programId: string;

  /** The program version the customer enrolled in: its steps and prices are the ones on this order. */
  @IsIntAtLeast(1)
  programVersion: number;

  /** 1-based step of this order; with repeat-last, cycles after the last step repeat it. */
  @IsIntAtLeast(1)
  step: number;

  @IsIntAtLeast(1)
  stepCount: number;
}

/** Payload of `subscriptions.order.due.v1`: one subscription cycle is ready to become an order. */
export class OrderDueV1 {
  @IsNonEmptyString()
  subscriptionId: string;

  @IsIntAtLeast(0)
  cycleIndex: number;

  @Matches(CYCLE_KEY_PATTERN, { message: '$property must look like sub:<subscriptionId>:cycle:<n>' })
  cycleKey: string;

  @IsIsoDate()
  dueAt: string;

  @IsNonEmptyString()
  customerId: string;

  @IsNonEmptyString()
  channel: string;

  @IsCurrencyCode()
  currency: string;

  @NestedArray(OrderDueLineV1, 1)
  lines: OrderDueLineV1[];

  /** The subscription's delivery address at the moment the cycle came due; the order copies it. */
  @IsOptional()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;

  /** Where the customer's emails go (notifications). */
  @IsOptional()
  @IsEmailAddress()
  customerEmail?: string;

  /** The customer's name as the channel knows it (orders can be found by it). */
  @IsOptional()
  @IsNonEmptyString()
  customerName?: string;

  /** The subscription's IANA time zone: emails print its days and times there. */
  @IsOptional()
  @IsNonEmptyString()
  timeZone?: string;

  /** Due time of the following cycle, if any: renewal reminders are timed from it. */
  @IsOptional()
  @IsIsoDate()
  nextDueAt?: string;

  /** Set when the subscription is a continuity program enrolment: the step this cycle is (its lines carry its prices). */
  @IsOptional()
  @NestedObject(OrderDueContinuityV1)
  continuity?: OrderDueContinuityV1;

  /** The subscription's choice when this cycle's stock runs short. */
  @IsOptional()
  @IsIn(OUT_OF_STOCK_POLICIES)
  outOfStockPolicy?: OutOfStockPolicy;

  /**
   * What the subscription wants after the last failed retry of this cycle's payment (pause, cancel, skip).
   * Absent: orders applies its own payment setting (`dunningFinalAction`, pause by default).
   */
  @IsOptional()
  @IsIn(DUNNING_FINAL_ACTIONS)
  dunningFinalAction?: DunningFinalAction;
}
