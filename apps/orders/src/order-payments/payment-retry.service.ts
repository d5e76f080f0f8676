import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, eventCausedBy, EventTypes, Topics, type DunningExhaustedV1, type DunningStepV1 } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { DunningCase, Prisma, SalesOrder } from '../generated/prisma/client';
import { actorOfCause, type Cause } from '../orders/status/order-events';
import { OrderHolds } from '../orders/status/order-holds.service';
import { OrderTransitions } from '../orders/status/order-transitions.service';
import { authorizedNote } from '../payments/authorization/authorization-outcome';
import { OrderAuthorizer } from '../payments/authorization/order-authorizer.service';
import { PendingAuthorizations } from '../payments/authorization/pending-authorizations';
import { DunningCases } from '../payments/dunning/dunning-cases';
import { PaymentLedger } from '../payments/ledger/payment-ledger';
import { PaymentMethodsService } from '../payments/methods/payment-methods.service';
import { openPaymentHolds } from './awaiting-payment';

export type RetryResult = 'authorized' | 'declined' | 'exhausted' | 'not-awaiting-payment' | 'no-payment-method' | 'unpriced' | 'authorization-pending';

const FINAL_REASON = { pause: 'subscription paused', cancel: 'subscription cancelled', skip: 'cycle skipped' } as const;

/**
 * Another authorization of an order held for payment, in the caller's
 * transaction (which locks the order): with the customer's current card, as
 * attempt n+1. Success records it and clears the payment hold (the order goes
 * to fulfillment once no other hold is open);
 * a failure of a subscription cycle's order moves its dunning ladder on, and
 * after the last step cancels the order and publishes the final action.
 */
@Injectable()
export class PaymentRetry {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly transitions: OrderTransitions,
    private readonly holds: OrderHolds,
    private readonly authorizer: OrderAuthorizer,
    private readonly methods: PaymentMethodsService,
    private readonly ledger: PaymentLedger,
    private readonly dunning: DunningCases,
    private readonly pending: PendingAuthorizations,
  ) {}

  async retry(tx: Prisma.TransactionClient, orderId: string, cause: Cause): Promise<RetryResult> {
    const order = await this.transitions.lock(tx, orderId);
    const paymentHolds = order ? await openPaymentHolds(tx, order) : [];
    if (!order || paymentHolds.length === 0) {
      // Cancelled or released meanwhile (by people): its ladder, if any, ends here.
      await this.dunning.close(tx, orderId, this.clock.now());
      return 'not-awaiting-payment';
    }
    if (order.lines.some((line) => line.unitPriceMinor === null)) return 'unpriced';
    const now = this.clock.now();
    // A new order's first authorization still being asked (AuthorizationCompletion) is left to it; one left behind
    // (its grace or lease over) is taken over here, as the same attempt, so its idempotency key stays the same.
    const pending = await this.pending.find(tx, order.id);
    if (pending && pending.sweepAfter > now) return 'authorization-pending';
    if (pending) await this.pending.remove(tx, order.id);
    const rows = await this.ledger.rows(tx, order.id);
    const attempt = pending?.attempt ?? rows.filter((r) => r.type === 'authorization').length + 1;
    const found = await this.dunning.find(tx, order.id);
    const method = await this.methods.current(tx, order.customerId);
    if (!method && !found) return 'no-payment-method';
    const outcome = await this.authorizer.attempt(order, method, attempt);
    const answer = { attempt, method, outcome };
    if (outcome.approved) {
      await this.authorizer.record(tx, order, answer, cause, now);
      await this.dunning.recovered(tx, order.id, now);
      // Clearing the payment hold releases the order to fulfillment, unless another hold (fraud, credit, ...) stays open.
      for (const hold of paymentHolds) await this.holds.clear(tx, order.id, hold.id, authorizedNote(attempt), cause);
      return 'authorized';
    }
    const step = found?.status === 'open' ? await this.dunning.failed(tx, found, now) : null;
    await this.authorizer.record(tx, order, answer, cause, now, step?.step);
    if (!step?.exhausted) return 'declined';
    await this.applyFinalAction(tx, order, { ...found!, failedAttempts: step.step.failedAttempts }, step.step, cause);
    return 'exhausted';
  }

  /** The last retry failed: the order is cancelled and the subscription's final action published (subscriptions applies it). */
  private async applyFinalAction(tx: Prisma.TransactionClient, order: SalesOrder, found: DunningCase, step: DunningStepV1, cause: Cause): Promise<void> {
    const reason = `payment failed ${step.failedAttempts} times: ${FINAL_REASON[step.finalAction]}`;
    await this.transitions.change(tx, order.id, 'cancelled', reason, cause);
    const failures = await tx.payment.findMany({ where: { orderId: order.id, type: 'authorization', status: 'failed' }, orderBy: { seq: 'asc' } });
    const data: DunningExhaustedV1 = {
      orderId: order.id, orderNumber: order.orderNumber, customerId: order.customerId, subscriptionId: found.subscriptionId, cycleIndex: found.cycleIndex,
      cycleKey: found.cycleKey, finalAction: step.finalAction, failedAttempts: step.failedAttempts,
      attempts: failures.map((f) => ({ attempt: f.attempt, at: f.at.toISOString(), failureCode: f.failureCode as DunningExhaustedV1['attempts'][number]['failureCode'] })),
    };
    const input = { type: EventTypes.dunningExhausted, source: '/orders', subject: order.id, time: this.clock.now(), data, actor: actorOfCause(cause) };
    const envelope = 'event' in cause ? eventCausedBy(cause.event, input) : createEnvelope({ ...input, correlationId: cause.correlationId });
    await appendToOutbox(tx, { topic: Topics.payment, envelope, key: order.id });
  }
}
