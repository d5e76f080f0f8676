import { actorOfEvent, systemActor, type Actor } from '@oms/auth';
import {
  createEnvelope, eventCausedBy, EventTypes, Topics, type EventEnvelope, type EventType, type OrderHoldV1, type OrderLifecycleV1, type OrderStatus,
} from '@oms/contracts';
import { appendToOutbox, type SqlClient } from '@oms/outbox';
import { openHolds, toHoldV1 } from '../holds/hold-rows';
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

/**
 * What caused a change: a consumed event (its correlation, causation and actor
 * carry on, unless `actor` says the service decided itself) or a request and
 * its caller.
 */
export type Cause = { event: EventEnvelope; actor?: Actor } | { correlationId: string | undefined; actor: Actor };

/** Who the history row and the event name for a change of this cause. */
export function actorOfCause(cause: Cause): Actor {
  if (!('event' in cause)) return cause.actor;
  return cause.actor ?? actorOfEvent(cause.event, ORDERS_SYSTEM);
}

/** The history row's actor columns for a change of this cause. */
export function actorColumns(cause: Cause): { actorSub: string; actorRole: string } {
  const actor = actorOfCause(cause);
  return { actorSub: actor.sub, actorRole: actor.role };
}

/** The orders service's own decisions (a pricing hold released when the price arrives). */
export const ORDERS_SYSTEM = systemActor('orders');

/** Typed facts of one change that the order's state does not hold: what the out-of-stock policy did, the holds placed or cleared, the fraud verdict, the price overrides given. */
export type EventFacts = Pick<OrderLifecycleV1, 'stockOutcome' | 'placedHolds' | 'clearedHolds' | 'fraudEvaluation' | 'priceOverrides'>;

/**
 * Writes the order's current state (its open holds included) as the event of
 * its status to the outbox, in the caller's transaction (after the order row
 * was written, so per-order event order follows the outbox id). Key = order id.
 * @param knownHolds - the order's open holds, oldest first, when the caller has them as they are now (a new order's,
 *   just written; those a status change's statement returned); otherwise they are read.
 */
export async function publishOrderState(
  tx: SqlClient, order: FullOrder, reason: string | null, cause: Cause, at: Date, facts: EventFacts = {}, knownHolds?: OrderHoldV1[],
): Promise<void> {
  await publishOrderEvent(tx, EVENT_OF_STATUS[order.status as OrderStatus], order, reason, cause, at, facts, knownHolds);
}

/** Like {@link publishOrderState}, for an event that is not a status (orders.order.late.v1, hold-placed, hold-cleared). */
export async function publishOrderEvent(
  tx: SqlClient, type: EventType, order: FullOrder, reason: string | null, cause: Cause, at: Date, facts: EventFacts = {}, knownHolds?: OrderHoldV1[],
): Promise<void> {
  const holds = knownHolds ?? (await openHolds(tx, order.id)).map(toHoldV1);
  const input = {
    type,
    source: '/orders',
    subject: order.id,
    time: at,
    data: { ...toLifecycleData(order, reason), ...(holds.length > 0 && { holds }), ...facts },
    actor: actorOfCause(cause),
  };
  const envelope = 'event' in cause ? eventCausedBy(cause.event, input) : createEnvelope({ ...input, correlationId: cause.correlationId });
  await appendToOutbox(tx, { topic: Topics.order, envelope, key: order.id });
}
