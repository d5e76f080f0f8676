import type { PaymentFailureCode } from '@oms/contracts';
import type { PaymentMethod } from '../../generated/prisma/client';

/** The payment hold's code while the provider has not answered yet (or a line still has no price). */
export const AUTHORIZATION_PENDING = 'authorization-pending';

/**
 * How a new order pays, decided in its creating transaction without calling
 * the provider: on account (no card stored, none required); by card, with the
 * authorization pending (asked after the order commits); or refused at once
 * because a channel requires a card the customer does not have. `hold` is set
 * when the order must wait for payment.
 */
export type PaymentDecision =
  | { mode: 'on-account'; hold: null }
  | { mode: 'card'; method: PaymentMethod; pending: true; failure: null; hold: { code: string; reason: string } }
  | { mode: 'card'; method: null; pending: false; failure: { code: PaymentFailureCode; message: string }; hold: { code: string; reason: string } };

/** What the payment hold says, for the order's hold reason and history. */
export function paymentHoldReason(code: string, message: string): string {
  return `payment: ${message} (${code})`;
}
