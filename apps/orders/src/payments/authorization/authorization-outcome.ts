import type { PaymentFailureCode } from '@oms/contracts';
import type { PaymentMethod } from '../../generated/prisma/client';
import type { PaymentEntry } from '../ledger/payment-ledger';

/** Why an authorization failed when the customer has no card to ask with (the provider is not asked). */
export const NO_PAYMENT_METHOD: PaymentFailureCode = 'no-payment-method';

/** The answer to one authorization attempt: the provider's, or the refusal decided without it. */
export type AuthorizationOutcome = { approved: true; reference: string } | { approved: false; code: PaymentFailureCode; message: string };

/** One attempt of an order's authorization: its number, the card it asked with (null: none) and the answer. */
export interface AuthorizationAttempt {
  attempt: number;
  method: PaymentMethod | null;
  outcome: AuthorizationOutcome;
}

/** The outcome of an attempt for a customer with no stored card. */
export function noPaymentMethod(customerId: string): AuthorizationOutcome {
  return { approved: false, code: NO_PAYMENT_METHOD, message: `customer ${customerId} has no stored card` };
}

/** The payment row an attempt writes: succeeded with the provider's reference, or failed with the typed code and message. */
export function authorizationEntry(amountMinor: number, { attempt, method, outcome }: AuthorizationAttempt): PaymentEntry {
  if (outcome.approved) return { type: 'authorization', status: 'succeeded', amountMinor, method, providerReference: outcome.reference, attempt };
  return { type: 'authorization', status: 'failed', amountMinor, method, providerReference: null, attempt, failureCode: outcome.code, failureMessage: outcome.message };
}

/** What clearing an order's payment hold says once an attempt is approved. */
export function authorizedNote(attempt: number): string {
  return `payment authorized (attempt ${attempt})`;
}
