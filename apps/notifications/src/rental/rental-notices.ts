import { EventTypes, type EventEnvelope, type OrderLifecycleV1, type SubscriptionLifecycleV1 } from '@oms/contracts';
import type { MessageDraft } from '../messages/message-drafts';
import { RENTAL_TEMPLATES, renderEndRequest, renderRentalOrderNotice, renderSwapRequest, type Audience } from './rental-templates';

/**
 * A new rental subscription order (one with a rented line: cycle 0, not the
 * monthly fee orders): the store manager's notice. The customer's email is the
 * ordinary order confirmation.
 */
export function rentalOrderNotices(envelope: EventEnvelope<OrderLifecycleV1>, storeManagerEmail: string | null): MessageDraft[] {
  const order = envelope.data;
  if (envelope.type !== EventTypes.orderCreated || !order.lines.some((line) => line.kind === 'rental')) return [];
  return [{
    eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid, template: RENTAL_TEMPLATES.rentalOrderNotice,
    recipient: storeManagerEmail, audience: 'store-manager', customerId: order.customerId, orderId: order.orderId, subscriptionId: order.subscriptionId ?? null,
    mail: renderRentalOrderNotice(order),
  }];
}

/** A swap or end request: one email to the customer and one to the store manager. */
export function rentalRequestNotices(envelope: EventEnvelope<SubscriptionLifecycleV1>, storeManagerEmail: string | null): MessageDraft[] {
  const subscription = envelope.data;
  const draft = (audience: Audience): MessageDraft | null => {
    const base = {
      eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid,
      recipient: audience === 'customer' ? subscription.customerEmail : storeManagerEmail, audience,
      customerId: subscription.customerId, subscriptionId: subscription.subscriptionId,
    };
    const who = { subscriptionId: subscription.subscriptionId, customerId: subscription.customerId, audience };
    if (envelope.type === EventTypes.subscriptionEndRequested) {
      return { ...base, template: RENTAL_TEMPLATES.rentalEndRequest, mail: renderEndRequest(who) };
    }
    if (envelope.type === EventTypes.subscriptionSwapRequested && subscription.swap) {
      return { ...base, template: RENTAL_TEMPLATES.rentalSwapRequest, mail: renderSwapRequest({ ...who, fromSku: subscription.swap.fromSku, toSku: subscription.swap.toSku }) };
    }
    return null;
  };
  return [draft('customer'), draft('store-manager')].filter((d): d is MessageDraft => d !== null);
}
