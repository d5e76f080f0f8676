import { createEnvelope, eventCausedBy, EventTypes, Topics, type EventEnvelope, type EventType, type OrderLifecycleV1, type OrderStatus } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { toLifecycleData, type FullOrder } from '../order.mapper';

/** The event each status publishes on Topics.order (one type per status). */
export const EVENT_OF_STATUS: Readonly<Record<OrderStatus, EventType>> = {
  created: EventTypes.orderCreated,
  reserved: EventTypes.orderReserved,
  released: EventTypes.orderReleased,
  'on-hold': EventTypes.orderOnHold,
  backordered: EventTypes.orderBackordered,
  cancelled: EventTypes.orderCancelled,
  shipped: EventTypes.orderShipped,
  delivered: EventTypes.orderDelivered,
  closed: EventTypes.orderClosed,
};

/** What caused a change: a consumed event (its correlation and causation carry on) or a request. */
export type Cause = { event: EventEnvelope } | { correlationId: string | undefined };

/** Typed facts of one change that the order's state does not hold, e.g. what the out-of-stock policy did. */
export type EventFacts = Pick<OrderLifecycleV1, 'stockOutcome'>;

/**
 * Writes the order's current state as the event of its status to the outbox,
 * in the caller's transaction (after the order row was written, so per-order
 * event order follows the outbox id). Key = order id.
 */
export async function publishOrderState(tx: Prisma.TransactionClient, order: FullOrder, reason: string | null, cause: Cause, at: Date, facts: EventFacts = {}): Promise<void> {
  const input = {
    type: EVENT_OF_STATUS[order.status as OrderStatus],
    source: '/orders',
    subject: order.id,
    time: at,
    data: { ...toLifecycleData(order, reason), ...facts },
  };
  const envelope = 'event' in cause ? eventCausedBy(cause.event, input) : createEnvelope({ ...input, correlationId: cause.correlationId });
  await appendToOutbox(tx, { topic: Topics.order, envelope, key: order.id });
}
