import { EventTypes, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import type { MessageDraft } from '../messages/message-drafts';
import { renderFraudHold } from '../templates/fraud-hold.template';
import { renderLateOrder } from '../templates/late-order.template';
import { renderOrderConfirmation } from '../templates/order-confirmation.template';
import { renderOutOfStock } from '../templates/out-of-stock.template';
import { TEMPLATES } from '../templates/template.types';

/**
 * The messages one order event calls for: a confirmation when the order is
 * created; an out-of-stock notice to the customer (and the store manager, if
 * configured) when it is backordered or cancelled for want of stock; a notice
 * to operations (recorded as skipped while no address is set) for every fraud
 * hold the event places, whatever its type; a late notice and a late
 * cancellation to the customer (the late-order watchdog's). Other order events
 * only feed the read model.
 */
export function orderNotices(envelope: EventEnvelope<OrderLifecycleV1>, storeManagerEmail?: string, opsEmail?: string): MessageDraft[] {
  const order = envelope.data;
  const base = {
    eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid,
    customerId: order.customerId, orderId: order.orderId, subscriptionId: order.subscriptionId ?? null,
  };
  const fraud = (order.placedHolds ?? []).filter((hold) => hold.type === 'fraud').map((hold): MessageDraft => ({
    ...base, template: TEMPLATES.fraudHold, recipient: opsEmail, audience: 'ops',
    mail: renderFraudHold({ ...order, hold, ...(order.fraudEvaluation && { evaluation: order.fraudEvaluation }) }),
  }));
  return [...fraud, ...customerNotices(envelope, base, storeManagerEmail)];
}

function customerNotices(envelope: EventEnvelope<OrderLifecycleV1>, base: Omit<MessageDraft, 'template' | 'recipient' | 'mail'>, storeManagerEmail?: string): MessageDraft[] {
  const order = envelope.data;
  if (envelope.type === EventTypes.orderCreated) {
    return [{ ...base, template: TEMPLATES.orderConfirmation, recipient: order.customerEmail, mail: renderOrderConfirmation(order) }];
  }
  // Late orders: the typed event and cancelCode decide, never the reason text.
  if (envelope.type === EventTypes.orderLate) {
    return [{ ...base, template: TEMPLATES.lateOrder, recipient: order.customerEmail, mail: renderLateOrder({ ...order, step: 'notice' }) }];
  }
  if (envelope.type === EventTypes.orderCancelled && order.cancelCode === 'late') {
    return [{ ...base, template: TEMPLATES.lateOrderCancelled, recipient: order.customerEmail, mail: renderLateOrder({ ...order, step: 'cancelled' }) }];
  }
  const outcome = outOfStockOutcome(order);
  if (!outcome) return [];
  const notice = (audience: 'customer' | 'store-manager') =>
    renderOutOfStock({ orderNumber: order.orderNumber, customerId: order.customerId, outcome, reason: order.reason, lines: order.lines, audience });
  const drafts: MessageDraft[] = [{ ...base, template: TEMPLATES.outOfStock, recipient: order.customerEmail, mail: notice('customer') }];
  if (storeManagerEmail) drafts.push({ ...base, template: TEMPLATES.outOfStock, recipient: storeManagerEmail, audience: 'store-manager', mail: notice('store-manager') });
  return drafts;
}

/** The order event's typed stock outcome decides; `reason` is only shown to people. */
function outOfStockOutcome(order: OrderLifecycleV1): 'backordered' | 'cancelled' | null {
  if (!order.stockOutcome) return null;
  return order.stockOutcome === 'backordered' ? 'backordered' : 'cancelled';
}
