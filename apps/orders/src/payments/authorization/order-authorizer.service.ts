import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DunningStepV1, PaymentFailureCode } from '@oms/contracts';
import type { PaymentMethod, Prisma, SalesOrder } from '../../generated/prisma/client';
import type { Cause } from '../../orders/status/order-events';
import { PaymentLedger } from '../ledger/payment-ledger';
import { PaymentMethodsService } from '../methods/payment-methods.service';
import { PAYMENT_PROVIDER, PaymentTimeoutError, type PaymentProvider } from '../provider/payment-provider';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import { paymentHoldReason, type PaymentDecision } from './payment-decision';

/** What the authorizer needs to know of an order not yet written. */
export interface NewOrderPayment {
  customerId: string;
  channel: string;
  currency: string;
  totalMinor: number;
  /** Lines without a price: the amount is not known yet, so nothing is authorized. */
  unpriced: boolean;
  /** Stable across redeliveries of the same upstream order (cycle key, channel:ref) or fresh. */
  orderKey: string;
}

/**
 * Authorizes orders: a new order when it is placed (in its creating
 * transaction, before it is written, so a failure makes it born on a payment
 * hold and fulfillment never sees it), and later attempts (retries).
 */
@Injectable()
export class OrderAuthorizer {
  private readonly logger = new Logger(OrderAuthorizer.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly methods: PaymentMethodsService,
    private readonly settings: PaymentSettingsService,
    private readonly ledger: PaymentLedger,
  ) {}

  async decide(tx: Prisma.TransactionClient, order: NewOrderPayment): Promise<PaymentDecision> {
    const method = await this.methods.current(tx, order.customerId);
    if (!method) {
      const { requireCardChannels } = await this.settings.get(tx);
      if (!requireCardChannels.includes(order.channel)) return { mode: 'on-account', hold: null };
      const message = `channel ${order.channel} requires a stored card and customer ${order.customerId} has none`;
      return { mode: 'card', method: null, amountMinor: order.totalMinor, reference: null, failure: { code: 'no-payment-method', message }, attempted: false, hold: { code: 'no-payment-method', reason: paymentHoldReason('no-payment-method', message) } };
    }
    if (order.unpriced) {
      const message = 'not authorized yet: a line has no price';
      return { mode: 'card', method, amountMinor: order.totalMinor, reference: null, failure: null, attempted: false, hold: { code: 'authorization-pending', reason: paymentHoldReason('authorization-pending', message) } };
    }
    const outcome = await this.call(method, order.totalMinor, order.currency, 1, `${order.orderKey}:auth:1`);
    if (outcome.approved) return { mode: 'card', method, amountMinor: order.totalMinor, reference: outcome.reference, failure: null, attempted: true, hold: null };
    return {
      mode: 'card', method, amountMinor: order.totalMinor, reference: null, failure: outcome, attempted: true,
      hold: { code: outcome.code, reason: paymentHoldReason(outcome.code, outcome.message) },
    };
  }

  /** Writes the decision's payment row and event once the order exists (nothing for on account). */
  async recordDecision(tx: Prisma.TransactionClient, order: SalesOrder, decision: PaymentDecision, cause: Cause, at: Date, dunning?: DunningStepV1): Promise<void> {
    if (decision.mode === 'on-account' || (!decision.attempted && !decision.failure)) return;
    await this.ledger.record(tx, order, {
      type: 'authorization', status: decision.reference ? 'succeeded' : 'failed', amountMinor: decision.amountMinor, method: decision.method,
      providerReference: decision.reference, attempt: 1, ...(decision.failure && { failureCode: decision.failure.code, failureMessage: decision.failure.message }),
    }, cause, at, dunning);
  }

  /** One more authorization attempt of an existing order with `method`. */
  async attempt(order: SalesOrder, method: PaymentMethod, attempt: number): Promise<{ approved: true; reference: string } | { approved: false; code: PaymentFailureCode; message: string }> {
    return this.call(method, Number(order.totalMinor), order.currency, attempt, `${order.id}:auth:${attempt}`);
  }

  private async call(method: PaymentMethod, amountMinor: number, currency: string, attempt: number, idempotencyKey: string) {
    try {
      return await this.provider.authorize({ token: method.providerToken, amountMinor, currency, attempt, idempotencyKey });
    } catch (error) {
      const timeout = error instanceof PaymentTimeoutError;
      this.logger.warn(`authorization ${idempotencyKey} failed: ${timeout ? 'timeout' : 'provider error'}`);
      return { approved: false as const, code: (timeout ? 'timeout' : 'provider-error') as PaymentFailureCode, message: timeout ? 'the payment provider did not answer in time' : 'the payment provider failed' };
    }
  }
}
