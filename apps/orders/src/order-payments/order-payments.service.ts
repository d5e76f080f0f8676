import { BadGatewayException, Inject, Injectable } from '@nestjs/common';
import { type Actor, forbidden, inRecordScope } from '@oms/auth';
import { CLOCK, fieldConflict, fieldRejected, notFound, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Payment, Prisma, SalesOrder } from '../generated/prisma/client';
import { minorAmount } from '../orders/money';
import type { Cause } from '../orders/status/order-events';
import { OrderTransitions } from '../orders/status/order-transitions.service';
import { PaymentSettlement } from '../payments/authorization/payment-settlement.service';
import { balanceOf, PaymentLedger } from '../payments/ledger/payment-ledger';
import { PAYMENT_TX } from '../payments/payment-transaction';
import { PaymentSettingsService } from '../payments/settings/payment-settings.service';
import { PaymentRetry, type RetryResult } from './payment-retry.service';

function toPaymentResponse(p: Payment) {
  return {
    paymentId: p.id, type: p.type, status: p.status, amountMinor: minorAmount(p.amountMinor), currency: p.currency, attempt: p.attempt,
    paymentMethodId: p.paymentMethodId, providerReference: p.providerReference, failureCode: p.failureCode, failureMessage: p.failureMessage,
    reason: p.reason, actor: { sub: p.actorSub, role: p.actorRole }, at: p.at.toISOString(),
  };
}

/** An order's payments over HTTP: the ledger and balance, a manual retry, refunds; and the retry a new card triggers. */
@Injectable()
export class OrderPaymentsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly transitions: OrderTransitions,
    private readonly retries: PaymentRetry,
    private readonly ledger: PaymentLedger,
    private readonly settlement: PaymentSettlement,
    private readonly settings: PaymentSettingsService,
  ) {}

  /** Authorized (open), captured, refunded and the balance still to pay (AX's unbalanced payments), with every payment row. */
  async view(orderId: string, actor: Actor, tx: Prisma.TransactionClient = this.prisma) {
    const order = await tx.salesOrder.findUnique({ where: { id: orderId } });
    if (!order || !inRecordScope(actor, order)) throw notFound('order', orderId);
    const rows = await this.ledger.rows(tx, orderId);
    const { authorizedMinor, capturedMinor, refundedMinor, balanceMinor } = balanceOf(order, rows);
    return {
      orderId, orderNumber: order.orderNumber, currency: order.currency, totalMinor: minorAmount(order.totalMinor),
      paymentMode: rows.length > 0 ? 'card' : 'on-account', authorizedMinor, capturedMinor, refundedMinor, balanceMinor, payments: rows.map(toPaymentResponse),
    };
  }

  /** Retries every order of the customer held for payment, each in its own transaction; the orders tried and what happened. */
  async retryHeldOrders(customerId: string, cause: Cause): Promise<Array<{ orderId: string; result: RetryResult }>> {
    const held = await this.prisma.salesOrder.findMany({ where: { customerId, status: 'on-hold' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    const results: Array<{ orderId: string; result: RetryResult }> = [];
    for (const { id } of held) {
      const result = await this.prisma.$transaction((tx) => this.retries.retry(tx, id, cause), PAYMENT_TX);
      if (result !== 'not-awaiting-payment') results.push({ orderId: id, result });
    }
    return results;
  }

  /** POST /orders/{id}/payments/authorize: one more try with the customer's current card. */
  async authorize(orderId: string, actor: Actor, cause: Cause) {
    await this.view(orderId, actor);
    const result = await this.prisma.$transaction((tx) => this.retries.retry(tx, orderId, cause), PAYMENT_TX);
    if (result === 'not-awaiting-payment') throw fieldConflict('orderId', `order ${orderId} is not held for payment`);
    if (result === 'no-payment-method') throw fieldRejected('paymentMethod', 'the customer has no stored card: add one (POST /customers/{customerId}/payment-methods)');
    if (result === 'unpriced') throw fieldConflict('orderId', 'a line of the order has no price yet: nothing can be authorized');
    if (result === 'authorization-pending') throw fieldConflict('orderId', 'its first authorization is being asked of the payment provider right now: try again in a moment');
    return { result, ...(await this.view(orderId, actor)) };
  }

  /** Refunds part of what was captured: 403 for a csr above the limit, 409 before capture, 422 above what is left. */
  async refund(orderId: string, amountMinor: number, reason: string, actor: Actor, cause: Cause) {
    const { csrRefundLimitMinor } = await this.settings.get();
    if (actor.role === 'csr' && amountMinor > csrRefundLimitMinor) {
      throw forbidden(`amountMinor: a csr may refund at most ${csrRefundLimitMinor} (minor units); larger refunds need admin`);
    }
    const payment = await this.prisma.$transaction(async (tx) => {
      const order: SalesOrder = await this.transitions.lockOrThrow(tx, orderId);
      const { capturedMinor, refundedMinor } = balanceOf(order, await this.ledger.rows(tx, orderId));
      if (capturedMinor === 0) throw fieldConflict('orderId', `order ${order.orderNumber} has no captured payment to refund (it is captured at shipment)`);
      if (amountMinor > capturedMinor - refundedMinor) throw fieldRejected('amountMinor', `at most ${capturedMinor - refundedMinor} is left to refund`);
      return this.settlement.refund(tx, order, amountMinor, reason, cause, this.clock.now());
    }, PAYMENT_TX);
    if (payment.status !== 'succeeded') throw new BadGatewayException({ statusCode: 502, error: 'Bad Gateway', message: `the payment provider refused the refund: ${payment.failureMessage ?? ''}` });
    return this.view(orderId, actor);
  }
}
