import type { OrderStatus } from '@oms/contracts';

/**
 * The order status machine, pure so one spec can cover it. `on-hold` is left
 * only by release-hold (back to the status before the hold) or by a cancel;
 * `cancelled` and `closed` are final.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  created: ['reserved', 'on-hold', 'backordered', 'cancelled'],
  reserved: ['released', 'on-hold', 'cancelled'],
  released: ['shipped', 'on-hold', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['closed'],
  'on-hold': ['cancelled'],
  backordered: ['reserved', 'cancelled'],
  cancelled: [],
  closed: [],
};

/** The verb of each target status, for refusals such as "cannot ship an order that is backordered". */
const VERBS: Readonly<Record<OrderStatus, string>> = {
  created: 'create',
  reserved: 'reserve',
  released: 'release',
  'on-hold': 'hold',
  backordered: 'backorder',
  cancelled: 'cancel',
  shipped: 'ship',
  delivered: 'deliver',
  closed: 'close',
};

export interface OrderState {
  status: OrderStatus;
  /** Set while on hold: where release-hold goes. */
  statusBeforeHold: OrderStatus | null;
}

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function checkTransition(order: OrderState, to: OrderStatus): TransitionCheck {
  return canTransition(order.status, to) ? { allowed: true } : { allowed: false, reason: refusal(order.status, to) };
}

function refusal(from: OrderStatus, to: OrderStatus): string {
  return `cannot ${VERBS[to]} an order that is ${from}`;
}

/** Release-hold: only from on-hold, back to the status the hold interrupted. */
export function checkReleaseHold(order: OrderState): { allowed: true; to: OrderStatus } | { allowed: false; reason: string } {
  if (order.status !== 'on-hold' || !order.statusBeforeHold) {
    return { allowed: false, reason: `cannot release the hold of an order that is ${order.status}` };
  }
  return { allowed: true, to: order.statusBeforeHold };
}

/**
 * What a fulfillment outcome (reserved, released, backordered, shipped, ...)
 * does to an order: move it; or, when the order is on hold and the step is
 * legal from the status the hold interrupted, record the step under the hold
 * (fulfillment does not stop for holds, and release-hold must not forget what
 * happened meanwhile); otherwise skip it with the reason.
 */
export type OutcomePlan =
  | { kind: 'move'; to: OrderStatus }
  | { kind: 'under-hold'; to: OrderStatus }
  | { kind: 'skip'; reason: string };

export function planOutcome(order: OrderState, to: OrderStatus): OutcomePlan {
  if (canTransition(order.status, to)) return { kind: 'move', to };
  if (order.status === 'on-hold' && order.statusBeforeHold && canTransition(order.statusBeforeHold, to)) {
    return { kind: 'under-hold', to };
  }
  return { kind: 'skip', reason: refusal(order.status, to) };
}

/**
 * Whether each of `tos` moves the order in turn from where the one before left it, none setting or clearing a hold
 * (the order is not on hold, none goes there) and none cancelling (which clears holds and voids the authorization):
 * such changes touch only the status and can be written together.
 */
export function movesThrough(order: OrderState, tos: readonly OrderStatus[]): boolean {
  let status = order.status;
  if (status === 'on-hold') return false;
  for (const to of tos) {
    if (to === 'on-hold' || to === 'cancelled' || planOutcome({ status, statusBeforeHold: null }, to).kind !== 'move') return false;
    status = to;
  }
  return true;
}
