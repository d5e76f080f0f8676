import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  IsCurrencyCode,
  IsEmailAddress,
  IsIntAtLeast,
  IsIsoDate,
  IsMinorAmount,
  IsNonEmptyString,
  NestedArray,
  NestedObject,
} from '../../validation/contract.decorators';
import { CYCLE_KEY_PATTERN } from '../subscriptions/cycle-key.util';
import { DUNNING_FINAL_ACTIONS, type DunningFinalAction } from '../shared/dunning-final-action';

/** What a payment row records: an authorization (tried), a capture, a void or a refund. */
export const PAYMENT_TYPES = ['authorization', 'capture', 'void', 'refund'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** Why an authorization failed; `no-payment-method` when a card is required and none is stored. */
export const PAYMENT_FAILURE_CODES = ['insufficient-funds', 'card-declined', 'suspected-fraud', 'timeout', 'no-payment-method', 'provider-error'] as const;
export type PaymentFailureCode = (typeof PAYMENT_FAILURE_CODES)[number];

export { DUNNING_FINAL_ACTIONS, type DunningFinalAction } from '../shared/dunning-final-action';

/** An order's money after the change: authorized (still open), captured, refunded, and what is still to be paid. */
export class PaymentBalanceV1 {
  @IsMinorAmount()
  authorizedMinor: number;

  @IsMinorAmount()
  capturedMinor: number;

  @IsMinorAmount()
  refundedMinor: number;

  /** The order's total minus what was captured and kept (captured - refunded). */
  @IsMinorAmount()
  balanceMinor: number;
}

/** Where a subscription cycle's order stands on its retry ladder. */
export class DunningStepV1 {
  /** Failed authorizations so far, the first one included. */
  @IsIntAtLeast(1)
  failedAttempts: number;

  /** Retries the ladder has in all (e.g. 3 for 1, 3 and 7 days). */
  @IsIntAtLeast(0)
  retries: number;

  /** The next retry; absent after the last one. */
  @IsOptional()
  @IsIsoDate()
  nextAttemptAt?: string;

  /** What applies after the last failure. */
  @IsIn(DUNNING_FINAL_ACTIONS)
  finalAction: DunningFinalAction;
}

/**
 * Payload of every `orders.payment.*.v1` event (topic `orders.payment.v1`, key = order id):
 * one payment row of an order (its type, outcome and amount) and the order's balance after it.
 */
export class PaymentEventV1 {
  @IsNonEmptyString()
  paymentId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsNonEmptyString()
  orderNumber: string;

  @IsNonEmptyString()
  customerId: string;

  @IsOptional()
  @IsEmailAddress()
  customerEmail?: string;

  @IsOptional()
  @IsNonEmptyString()
  subscriptionId?: string;

  @IsOptional()
  @IsIntAtLeast(0)
  cycleIndex?: number;

  @IsOptional()
  @Matches(CYCLE_KEY_PATTERN, { message: '$property must look like sub:<subscriptionId>:cycle:<n>' })
  cycleKey?: string;

  @IsIn(PAYMENT_TYPES)
  type: PaymentType;

  @IsIn(['succeeded', 'failed'])
  status: 'succeeded' | 'failed';

  @IsMinorAmount()
  amountMinor: number;

  @IsCurrencyCode()
  currency: string;

  /** Authorizations: 1 for the first try, 2.. for retries. */
  @IsIntAtLeast(1)
  attempt: number;

  @IsOptional()
  @IsNonEmptyString()
  paymentMethodId?: string;

  /** Brand and last four digits of the card, for emails ("Visa ending 4242"). */
  @IsOptional()
  @IsNonEmptyString()
  cardLabel?: string;

  @IsOptional()
  @IsNonEmptyString()
  providerReference?: string;

  @IsOptional()
  @IsIn(PAYMENT_FAILURE_CODES)
  failureCode?: PaymentFailureCode;

  @IsOptional()
  @IsNonEmptyString()
  reason?: string;

  @NestedObject(PaymentBalanceV1)
  balance: PaymentBalanceV1;

  /** A subscription cycle's failed authorization: its step on the retry ladder. */
  @IsOptional()
  @NestedObject(DunningStepV1)
  dunning?: DunningStepV1;
}

/** One authorization attempt of a dunning case. */
export class PaymentAttemptV1 {
  @IsIntAtLeast(1)
  attempt: number;

  @IsIsoDate()
  at: string;

  @IsIn(PAYMENT_FAILURE_CODES)
  failureCode: PaymentFailureCode;
}

/**
 * Payload of `orders.payment.dunning-exhausted.v1`: a subscription cycle's
 * payment failed at every step of the ladder; the order is cancelled and
 * the subscription's final action (pause, cancel, or skip this cycle) applies.
 */
export class DunningExhaustedV1 {
  @IsNonEmptyString()
  orderId: string;

  @IsNonEmptyString()
  orderNumber: string;

  @IsNonEmptyString()
  customerId: string;

  @IsNonEmptyString()
  subscriptionId: string;

  @IsIntAtLeast(0)
  cycleIndex: number;

  @Matches(CYCLE_KEY_PATTERN, { message: '$property must look like sub:<subscriptionId>:cycle:<n>' })
  cycleKey: string;

  @IsIn(DUNNING_FINAL_ACTIONS)
  finalAction: DunningFinalAction;

  @IsIntAtLeast(1)
  failedAttempts: number;

  /** The failure codes of every attempt, first to last. */
  @NestedArray(PaymentAttemptV1, 1)
  attempts: PaymentAttemptV1[];
}
