import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  createEnvelope, eventCausedBy, EventTypes, Topics,
  type DunningStepV1, type EventType, type PaymentBalanceV1, type PaymentEventV1, type PaymentFailureCode, type PaymentType,
} from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import type { Payment, PaymentMethod, Prisma, SalesOrder } from '../../generated/prisma/client';
import { minorAmount } from '../../orders/money';
import { actorColumns, actorOfCause, type Cause } from '../../orders/status/order-events';
import { cardLabel } from '../methods/payment-methods.service';

/** One payment row to write. */
export interface PaymentEntry {
  type: PaymentType;
  status: 'succeeded' | 'failed';
  amountMinor: number;
  method: PaymentMethod | null;
  providerReference: string | null;
  failureCode?: PaymentFailureCode;
  failureMessage?: string;
  attempt?: number;
  reason?: string;
}

const EVENT_OF: Record<PaymentType, { succeeded: EventType; failed?: EventType }> = {
  authorization: { succeeded: EventTypes.paymentAuthorized, failed: EventTypes.paymentAuthorizationFailed },
  capture: { succeeded: EventTypes.paymentCaptured },
  void: { succeeded: EventTypes.paymentVoided },
  refund: { succeeded: EventTypes.paymentRefunded },
};

/** An order's money from its succeeded payment rows. */
export function balanceOf(order: Pick<SalesOrder, 'totalMinor'>, rows: Array<Pick<Payment, 'type' | 'status' | 'amountMinor'>>): PaymentBalanceV1 {
  const sum = (type: PaymentType) => rows.filter((r) => r.type === type && r.status === 'succeeded').reduce((total, r) => total + minorAmount(r.amountMinor), 0);
  const captured = sum('capture');
  const refunded = sum('refund');
  return {
    authorizedMinor: Math.max(0, sum('authorization') - captured - sum('void')),
    capturedMinor: captured,
    refundedMinor: refunded,
    balanceMinor: minorAmount(order.totalMinor) - (captured - refunded),
  };
}

/**
 * Writes payment rows and their `orders.payment.*.v1` events in the caller's
 * transaction (outbox, key = order id). Rows are never changed; the balance
 * is computed from them.
 */
@Injectable()
export class PaymentLedger {
  rows(tx: Prisma.TransactionClient, orderId: string): Promise<Payment[]> {
    return tx.payment.findMany({ where: { orderId }, orderBy: { seq: 'asc' } });
  }

  async record(tx: Prisma.TransactionClient, order: SalesOrder, entry: PaymentEntry, cause: Cause, at: Date, dunning?: DunningStepV1): Promise<Payment> {
    const row = await tx.payment.create({
      data: {
        id: randomUUID(), orderId: order.id, type: entry.type, status: entry.status, amountMinor: BigInt(entry.amountMinor), currency: order.currency,
        paymentMethodId: entry.method?.id ?? null, providerReference: entry.providerReference, failureCode: entry.failureCode ?? null,
        failureMessage: entry.failureMessage ?? null, attempt: entry.attempt ?? 1, reason: entry.reason ?? null, at, ...actorColumns(cause),
      },
    });
    const type = EVENT_OF[entry.type][entry.status];
    if (type) await this.publish(tx, order, row, entry, type, cause, at, dunning);
    return row;
  }

  private async publish(
    tx: Prisma.TransactionClient, order: SalesOrder, row: Payment, entry: PaymentEntry, type: EventType, cause: Cause, at: Date, dunning?: DunningStepV1,
  ): Promise<void> {
    const data: PaymentEventV1 = {
      paymentId: row.id, orderId: order.id, orderNumber: order.orderNumber, customerId: order.customerId,
      ...(order.customerEmail && { customerEmail: order.customerEmail }),
      ...(order.subscriptionId && { subscriptionId: order.subscriptionId }),
      ...(order.cycleIndex !== null && { cycleIndex: order.cycleIndex }),
      ...(order.cycleKey && { cycleKey: order.cycleKey }),
      type: entry.type, status: entry.status, amountMinor: entry.amountMinor, currency: order.currency, attempt: row.attempt,
      ...(entry.method && { paymentMethodId: entry.method.id, cardLabel: cardLabel(entry.method) }),
      ...(entry.providerReference && { providerReference: entry.providerReference }),
      ...(entry.failureCode && { failureCode: entry.failureCode }),
      ...(entry.reason && { reason: entry.reason }),
      balance: balanceOf(order, await this.rows(tx, order.id)),
      ...(dunning && { dunning }),
    };
    const input = { type, source: '/orders', subject: order.id, time: at, data, actor: actorOfCause(cause) };
    const envelope = 'event' in cause ? eventCausedBy(cause.event, input) : createEnvelope({ ...input, correlationId: cause.correlationId });
    await appendToOutbox(tx, { topic: Topics.payment, envelope, key: order.id });
  }
}
