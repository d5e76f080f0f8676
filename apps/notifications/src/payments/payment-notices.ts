import { EventTypes, type EventEnvelope, type PaymentEventV1 } from '@oms/contracts';
import type { MessageDraft } from '../messages/message-drafts';
import { renderPaymentFailed, renderPaymentRecovered } from '../templates/payment-failed.template';
import { TEMPLATES } from '../templates/template.types';

/** Where the email goes and the zone its times are printed in, when the event does not say. */
export interface PaymentContact {
  customerEmail: string | null;
  timeZone: string | null;
}

/**
 * The customer's emails a payment event calls for, only for subscription cycles' orders (cycle key present):
 * - a failed authorization with its dunning step: one `payment-failed` email per failed try (the next try, or on
 *   the last one what happens now);
 * - an authorization that succeeds after failed tries: one `payment-recovered` email (not a dunning email).
 * One-off orders and other payment events send nothing here.
 */
export function paymentNotices(envelope: EventEnvelope<PaymentEventV1>, contact: PaymentContact): MessageDraft[] {
  const payment = envelope.data;
  if (!payment.cycleKey || payment.type !== 'authorization') return [];
  const base = {
    eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid, recipient: payment.customerEmail ?? contact.customerEmail,
    customerId: payment.customerId, orderId: payment.orderId, subscriptionId: payment.subscriptionId ?? null,
  };
  const money = { orderNumber: payment.orderNumber, amountMinor: payment.amountMinor, currency: payment.currency, ...(payment.cardLabel && { cardLabel: payment.cardLabel }) };
  if (envelope.type === EventTypes.paymentAuthorizationFailed && payment.dunning) {
    const { dunning } = payment;
    return [{
      ...base, template: TEMPLATES.paymentFailed,
      mail: renderPaymentFailed({
        ...money, ...(payment.failureCode && { failureCode: payment.failureCode }), attempt: dunning.failedAttempts, attempts: dunning.retries + 1,
        ...(dunning.nextAttemptAt && { nextAttemptAt: dunning.nextAttemptAt }), finalAction: dunning.finalAction, timeZone: contact.timeZone,
      }),
    }];
  }
  if (envelope.type === EventTypes.paymentAuthorized && payment.attempt > 1) {
    return [{ ...base, template: TEMPLATES.paymentRecovered, mail: renderPaymentRecovered(money) }];
  }
  return [];
}
