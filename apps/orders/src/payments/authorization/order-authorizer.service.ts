import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DunningStepV1 } from '@oms/contracts';
import type { PaymentMethod, Prisma, SalesOrder } from '../../generated/prisma/client';
import type { Cause } from '../../orders/status/order-events';
import { PaymentLedger } from '../ledger/payment-ledger';
import { PAYMENT_PROVIDER, PaymentTimeoutError, type PaymentProvider } from '../provider/payment-provider';
import type { PaymentSettings } from '../settings/payment-settings.service';
import { authorizationEntry, NO_PAYMENT_METHOD, noPaymentMethod, type AuthorizationAttempt, type AuthorizationOutcome } from './authorization-outcome';
import { AUTHORIZATION_PENDING, paymentHoldReason, type PaymentDecision } from './payment-decision';

/** What the authorizer needs to know of an order not yet written. */
export interface NewOrderPayment {
  customerId: string;
  channel: string;
  totalMinor: number;
  /** Lines without a price: the amount is not known yet, so nothing can be authorized until they are priced. */
  unpriced: boolean;
}

/**
 * Decides how a new order pays, in its creating transaction and without the
 * provider (a network call there would hold a connection and row locks for
 * as long as the provider takes, and its timeout would roll the order back);
 * asks the provider for one authorization attempt, outside any
 * transaction, with an idempotency key per (order, attempt); and records each
 * attempt's answer as its payment row and event.
 */
@Injectable()
export class OrderAuthorizer {
  private readonly logger = new Logger(OrderAuthorizer.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly ledger: PaymentLedger,
  ) {}

  /**
   * @param method - the customer's current card (PaymentMethodsService.current), read with the order's other context.
   * @param settings - the payment settings in force, read likewise.
   */
  decide(order: NewOrderPayment, method: PaymentMethod | null, settings: Pick<PaymentSettings, 'requireCardChannels'>): PaymentDecision {
    if (!method) {
      if (!settings.requireCardChannels.includes(order.channel)) return { mode: 'on-account', hold: null };
      const message = `channel ${order.channel} requires a stored card and customer ${order.customerId} has none`;
      return { mode: 'card', method: null, pending: false, failure: { code: NO_PAYMENT_METHOD, message }, hold: { code: NO_PAYMENT_METHOD, reason: paymentHoldReason(NO_PAYMENT_METHOD, message) } };
    }
    const message = order.unpriced ? 'not authorized yet: a line has no price' : 'authorization pending';
    return { mode: 'card', method, pending: true, failure: null, hold: { code: AUTHORIZATION_PENDING, reason: paymentHoldReason(AUTHORIZATION_PENDING, message) } };
  }

  /** Records a failure decided without the provider (no card where the channel needs one), once the order exists. */
  async recordRefusal(tx: Prisma.TransactionClient, order: SalesOrder, decision: PaymentDecision, cause: Cause, at: Date, dunning?: DunningStepV1): Promise<void> {
    if (decision.mode !== 'card' || !decision.failure) return;
    await this.record(tx, order, { attempt: 1, method: null, outcome: { approved: false, ...decision.failure } }, cause, at, dunning);
  }

  /** An attempt's answer as its payment row and event (in the caller's transaction), for the order's whole total. */
  async record(tx: Prisma.TransactionClient, order: SalesOrder, attempt: AuthorizationAttempt, cause: Cause, at: Date, dunning?: DunningStepV1): Promise<void> {
    await this.ledger.record(tx, order, authorizationEntry(Number(order.totalMinor), attempt), cause, at, dunning);
  }

  /**
   * One authorization attempt of an existing order with `method` (none: refused as no-payment-method, the provider not
   * asked): the key `{orderId}:auth:{attempt}` makes a repeated call of the same attempt (a sweep after a crash, two
   * callers at once) answer the same, never authorize twice.
   */
  async attempt(order: SalesOrder, method: PaymentMethod | null, attempt: number): Promise<AuthorizationOutcome> {
    if (!method) return noPaymentMethod(order.customerId);
    const idempotencyKey = `${order.id}:auth:${attempt}`;
    try {
      return await this.provider.authorize({ token: method.providerToken, amountMinor: Number(order.totalMinor), currency: order.currency, attempt, idempotencyKey });
    } catch (error) {
      const timeout = error instanceof PaymentTimeoutError;
      this.logger.warn(`authorization ${idempotencyKey} failed: ${timeout ? 'timeout' : 'provider error'}`);
      return { approved: false, code: timeout ? 'timeout' : 'provider-error', message: timeout ? 'the payment provider did not answer in time' : 'the payment provider failed' };
    }
  }
}
