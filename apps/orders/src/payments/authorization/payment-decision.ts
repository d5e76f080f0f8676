import type { PaymentFailureCode } from '@oms/contracts';
import type { PaymentMethod } from '../../generated/prisma/client';

/**
 * How a new order pays, decided before it is written: on account (no card
 * stored, none required), or by card with the provider's answer to the first
 * authorization; `hold` is set when the order must wait for payment.
 */
export type PaymentDecision =
  | { mode: 'on-account'; hold: null }
  | {
      mode: 'card';
      method: PaymentMethod | null;
      amountMinor: number;
      /** Set when the provider approved. */
      reference: string | null;
      failure: { code: PaymentFailureCode; message: string } | null;
      /** False when nothing was asked of the provider (no card, or lines still unpriced). */
      attempted: boolean;
      hold: { code: string; reason: string } | null;
    };

/** What the payment hold says, for the order's hold reason and history. */
export function paymentHoldReason(code: string, message: string): string {
  return `payment: ${message} (${code})`;
}
