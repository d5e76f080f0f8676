import { EventTypes, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import type { MessageDraft } from '../messages/message-drafts';
import { renderOrderConfirmation } from '../templates/order-confirmation.template';
import { renderOutOfStock } from '../templates/out-of-stock.template';
import { TEMPLATES } from '../templates/template.types';

/** Cancel reasons the orders service uses when stock ran short ('out-of-stock: cycle skipped', '... subscription paused'). */
const OUT_OF_STOCK_REASON = /^out-of-stock/;

/**
 * The messages one order event calls for: a confirmation when the order is
 * created; an out-of-stock notice to the customer (and the store manager, if
 * configured) when it is backordered or cancelled for want of stock. Other
 * order events only feed the read model.
 */
export function orderNotices(envelope: EventEnvelope<OrderLifecycleV1>, storeManagerEmail?: string): MessageDraft[] {
  const order = envelope.data;
  const base = {
    eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid,
    customerId: order.customerId, orderId: order.orderId, subscriptionId: order.subscriptionId ?? null,
  };
  if (envelope.type === EventTypes.orderCreated) {
    return [{ ...base, template: TEMPLATES.orderConfirmation, recipient: order.customerEmail, mail: renderOrderConfirmation(order) }];
  }
  const outcome = outOfStockOutcome(envelope.type, order.reason);
  if (!outcome) return [];
  const notice = (audience: 'customer' | 'store-manager') =>
    renderOutOfStock({ orderNumber: order.orderNumber, customerId: order.customerId, outcome, reason: order.reason, lines: order.lines, audience });
  const drafts: MessageDraft[] = [{ ...base, template: TEMPLATES.outOfStock, recipient: order.customerEmail, mail: notice('customer') }];
  if (storeManagerEmail) drafts.push({ ...base, template: TEMPLATES.outOfStock, recipient: storeManagerEmail, mail: notice('store-manager') });
  return drafts;
}

function outOfStockOutcome(type: string, reason: string | undefined): 'backordered' | 'cancelled' | null {
  if (type === EventTypes.orderBackordered) return 'backordered';
  if (type === EventTypes.orderCancelled && reason !== undefined && OUT_OF_STOCK_REASON.test(reason)) return 'cancelled';
  return null;
}
