import type { PaymentFailureCode } from '@oms/contracts';

/** Nest injection token of the {@link PaymentProvider} in use. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** What the provider answered: approved with its reference, or declined with a typed code. */
export type ProviderOutcome = { approved: true; reference: string } | { approved: false; code: PaymentFailureCode; message: string };

export interface AuthorizeRequest {
  /** The stored payment method's provider token (e.g. a Stripe PaymentMethod id). */
  token: string;
  amountMinor: number;
  currency: string;
  /** 1 for an order's first try, 2.. for retries; with the order id it makes the idempotency key. */
  attempt: number;
  /** The same key for a repeated call of one attempt: a provider must not authorize twice. */
  idempotencyKey: string;
}

export interface SettleRequest {
  /** The authorization's provider reference. */
  reference: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

/**
 * A payment service provider behind one interface (authorize, capture, void,
 * refund). The embedded test provider is the local and test default; a real
 * one (e.g. Stripe through its SDK) implements the same four calls and is
 * bound to {@link PAYMENT_PROVIDER} instead (see the README, Payments and dunning).
 * A call that does not answer in time rejects with {@link PaymentTimeoutError}.
 */
export interface PaymentProvider {
  authorize(request: AuthorizeRequest): Promise<ProviderOutcome>;
  capture(request: SettleRequest): Promise<ProviderOutcome>;
  void(request: Omit<SettleRequest, 'amountMinor' | 'currency'>): Promise<ProviderOutcome>;
  refund(request: SettleRequest): Promise<ProviderOutcome>;
}

/** The provider did not answer in time: the outcome is unknown, recorded as failed with code `timeout`. */
export class PaymentTimeoutError extends Error {
  constructor(operation: string) {
    super(`payment provider did not answer the ${operation} in time`);
  }
}
