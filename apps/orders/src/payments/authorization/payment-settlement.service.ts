import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Payment, Prisma, SalesOrder } from '../../generated/prisma/client';
import { minorAmount } from '../../orders/money';
import type { Cause } from '../../orders/status/order-events';
import { PaymentLedger } from '../ledger/payment-ledger';
import { PAYMENT_PROVIDER, type PaymentProvider, type ProviderOutcome } from '../provider/payment-provider';

/**
 * Money after authorization: capture at shipment (the provider asked outside
 * any transaction, the answer recorded under the order's row lock: see
 * ShipmentCapture), void on cancellation before capture and refunds (both
 * still in the caller's transaction, which holds the order's row lock).
 * Capture and void act on the order's open authorization (approved, neither
 * captured nor voided) and do nothing without one (an order on account).
 */
@Injectable()
export class PaymentSettlement {
  private readonly logger = new Logger(PaymentSettlement.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly ledger: PaymentLedger,
  ) {}

  /** Asks the provider to capture `open` (outside any transaction: see ShipmentCapture); the same key for a repeated call. */
  requestCapture(order: SalesOrder, open: Payment): Promise<ProviderOutcome> {
    const reference = open.providerReference!;
    return this.safely('capture', () => this.provider.capture({ reference, amountMinor: minorAmount(open.amountMinor), currency: order.currency, idempotencyKey: `${order.id}:capture:${open.id}` }));
  }

  /** Records the provider's answer to capturing `open`, in the caller's transaction (which holds the order's row lock). */
  async recordCapture(tx: Prisma.TransactionClient, order: SalesOrder, open: Payment, outcome: ProviderOutcome, cause: Cause, at: Date): Promise<Payment> {
    return this.ledger.record(tx, order, {
      type: 'capture', status: outcome.approved ? 'succeeded' : 'failed', amountMinor: minorAmount(open.amountMinor), method: await this.methodOf(tx, open),
      providerReference: open.providerReference, ...(!outcome.approved && { failureCode: outcome.code, failureMessage: outcome.message }), reason: 'order shipped',
    }, cause, at);
  }

  async voidOpen(tx: Prisma.TransactionClient, order: SalesOrder, reason: string, cause: Cause, at: Date): Promise<Payment | null> {
    const open = await this.openAuthorization(tx, order.id);
    if (!open) return null;
    const reference = open.providerReference!;
    const outcome = await this.safely('void', () => this.provider.void({ reference, idempotencyKey: `${order.id}:void:${open.id}` }));
    return this.ledger.record(tx, order, {
      type: 'void', status: outcome.approved ? 'succeeded' : 'failed', amountMinor: minorAmount(open.amountMinor), method: await this.methodOf(tx, open),
      providerReference: reference, ...(!outcome.approved && { failureCode: outcome.code, failureMessage: outcome.message }), reason,
    }, cause, at);
  }

  /** Refunds part or all of what was captured; the caller checked the amount and the caller's limit. */
  async refund(tx: Prisma.TransactionClient, order: SalesOrder, amountMinor: number, reason: string, cause: Cause, at: Date): Promise<Payment> {
    const capture = await tx.payment.findFirst({ where: { orderId: order.id, type: 'capture', status: 'succeeded' }, orderBy: { seq: 'desc' } });
    const reference = capture!.providerReference!;
    const seq = await tx.payment.count({ where: { orderId: order.id, type: 'refund' } });
    const outcome = await this.safely('refund', () => this.provider.refund({ reference, amountMinor, currency: order.currency, idempotencyKey: `${order.id}:refund:${seq + 1}` }));
    return this.ledger.record(tx, order, {
      type: 'refund', status: outcome.approved ? 'succeeded' : 'failed', amountMinor, method: await this.methodOf(tx, capture!),
      providerReference: reference, ...(!outcome.approved && { failureCode: outcome.code, failureMessage: outcome.message }), reason,
    }, cause, at);
  }

  /** The approved authorization not yet captured or voided, if any. */
  async openAuthorization(tx: Prisma.TransactionClient, orderId: string): Promise<Payment | null> {
    const rows = await this.ledger.rows(tx, orderId);
    const settled = rows.some((r) => (r.type === 'capture' || r.type === 'void') && r.status === 'succeeded');
    if (settled) return null;
    return rows.filter((r) => r.type === 'authorization' && r.status === 'succeeded').at(-1) ?? null;
  }

  private methodOf(tx: Prisma.TransactionClient, payment: Payment) {
    return payment.paymentMethodId ? tx.paymentMethod.findUnique({ where: { id: payment.paymentMethodId } }) : Promise.resolve(null);
  }

  private async safely(operation: string, call: () => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    try {
      return await call();
    } catch (error) {
      this.logger.error(`payment ${operation} failed at the provider: ${error instanceof Error ? error.message : String(error)}`);
      return { approved: false, code: 'provider-error', message: `the payment provider failed the ${operation}` };
    }
  }
}
