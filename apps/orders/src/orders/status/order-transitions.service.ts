import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import type { OrderStatus } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import { CLOCK, notFound, type Clock } from '@oms/service-runtime';
import type { OrderHold, Prisma } from '../../generated/prisma/client';
import { PaymentSettlement } from '../../payments/authorization/payment-settlement.service';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { clearHolds, openHolds, toHoldV1 } from '../holds/hold-rows';
import { actorColumns, actorOfCause, publishOrderState, type Cause, type EventFacts } from './order-events';
import { checkTransition, movesThrough, planOutcome, type OrderState } from './order-status.machine';
import { insertHistory, lockFullOrder, lockFullOrders, updateOrderStatus, updateOrderStatuses } from './order-rows.sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OutcomeResult = 'moved' | 'under-hold' | 'skipped' | 'unknown-order';

/** One fulfillment outcome to apply to an order. */
export interface OutcomeStep {
  to: OrderStatus;
  reason: string | null;
  facts?: EventFacts;
}

/** The outcome steps of one event for one order, and the event (a batch of them: applySimpleOutcomesMany). */
export interface OrderOutcome {
  orderId: string;
  steps: OutcomeStep[];
  cause: Cause;
}

/**
 * Status changes inside the caller's transaction. Every change locks the
 * order row first (so concurrent changes of one order serialize and their
 * events keep order), then writes the status, one history row and the
 * matching orders.order.<status>.v1 event together.
 */
@Injectable()
export class OrderTransitions {
  private readonly logger = new Logger(OrderTransitions.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settlement: PaymentSettlement,
  ) {}

  /** The order, row-locked until the transaction ends; null when unknown. */
  async lock(tx: SqlClient, orderId: string): Promise<FullOrder | null> {
    if (!UUID.test(orderId)) return null;
    return lockFullOrder(tx, orderId);
  }

  async lockOrThrow(tx: Prisma.TransactionClient, orderId: string): Promise<FullOrder> {
    const order = await this.lock(tx, orderId);
    if (!order) throw notFound('order', orderId);
    return order;
  }

  /** A requested change (HTTP): 404 for an unknown order, 409 with the reason when the machine forbids it. */
  async change(tx: Prisma.TransactionClient, orderId: string, to: OrderStatus, reason: string | null, cause: Cause): Promise<FullOrder> {
    const order = await this.lockOrThrow(tx, orderId);
    const check = checkTransition(stateOf(order), to);
    if (!check.allowed) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: check.reason });
    return this.move(tx, order, to, reason, cause);
  }

  /**
   * A fulfillment outcome: moves the order, records it under a hold, or logs
   * and skips it when the order is in a state it cannot apply to (the event is
   * still marked processed, so it neither crashes nor loops).
   */
  async applyOutcome(tx: Prisma.TransactionClient, orderId: string, to: OrderStatus, reason: string | null, cause: Cause, facts: EventFacts = {}): Promise<OutcomeResult> {
    return this.applyOutcomes(tx, orderId, [{ to, reason, facts }], cause);
  }

  /**
   * {@link applyOutcomes} when it is all SQL: the order is unknown, or every step simply moves it (no hold on
   * either side, nothing cancelled; movesThrough); 'declined' otherwise, having changed nothing but the row lock.
   */
  async applySimpleOutcomes(tx: SqlClient, orderId: string, steps: OutcomeStep[], cause: Cause): Promise<OutcomeResult | 'declined'> {
    const opened = await this.lockAndMoveThrough(tx, orderId, steps, cause);
    return typeof opened === 'string' ? opened : 'declined';
  }

  /**
   * {@link applySimpleOutcomes} for a batch of events, each naming one order (a batch of reservation outcomes): the
   * orders locked in one statement and moved in another, with the same rows and events as applySimpleOutcomes applied
   * to each in turn. 'declined', having changed nothing but the row locks, when any known order does not simply move
   * through its steps or is named twice (the caller then takes the events one by one).
   * @returns each event's result, in the order given.
   */
  async applySimpleOutcomesMany(tx: SqlClient, outcomes: readonly OrderOutcome[]): Promise<OutcomeResult[] | 'declined'> {
    const locked = await lockFullOrders(tx, outcomes.map((outcome) => outcome.orderId).filter((id) => UUID.test(id)));
    const moves: Array<{ order: FullOrder; steps: OutcomeStep[]; cause: Cause }> = [];
    const moved = new Set<string>();
    const results: OutcomeResult[] = [];
    for (const { orderId, steps, cause } of outcomes) {
      // The database returns ids in lower case; an event may name one in upper case (the ::uuid cast ignores case).
      const order = UUID.test(orderId) ? locked.get(orderId.toLowerCase()) : undefined;
      if (!order) {
        this.warnUnknown(orderId, steps, cause);
        results.push('unknown-order');
        continue;
      }
      if (moved.has(order.id) || steps.length < 2 || !movesThrough(stateOf(order), steps.map((step) => step.to))) return 'declined';
      moved.add(order.id);
      moves.push({ order, steps, cause });
      results.push('moved');
    }
    await this.moveThroughMany(tx, moves);
    return results;
  }

  /**
   * Outcomes of one event applied in turn to one order (reserved, then released
   * to the warehouse), which is locked and read once: each step after the first
   * applies only if the one before moved the order or was recorded under its hold.
   * @returns the last step's result.
   */
  async applyOutcomes(tx: Prisma.TransactionClient, orderId: string, steps: OutcomeStep[], cause: Cause): Promise<OutcomeResult> {
    const opened = await this.lockAndMoveThrough(tx, orderId, steps, cause);
    if (typeof opened === 'string') return opened;
    let order = opened;
    let result: OutcomeResult = 'skipped';
    for (const step of steps) {
      ({ result, order } = await this.applyStep(tx, order, step, cause));
      if (result !== 'moved' && result !== 'under-hold') break;
    }
    return result;
  }

  /**
   * How both of the above begin, all SQL: locks the order (once), skips an unknown one, and applies steps that each
   * simply move it (movesThrough) in one statement.
   * @returns the result when that settled the outcome; otherwise the order, locked and unchanged, for the caller's steps.
   */
  private async lockAndMoveThrough(tx: SqlClient, orderId: string, steps: OutcomeStep[], cause: Cause): Promise<'unknown-order' | 'moved' | FullOrder> {
    const order = await this.lock(tx, orderId);
    if (!order) {
      this.warnUnknown(orderId, steps, cause);
      return 'unknown-order';
    }
    if (steps.length < 2 || !movesThrough(stateOf(order), steps.map((step) => step.to))) return order;
    await this.moveThroughMany(tx, [{ order, steps, cause }]);
    return 'moved';
  }

  private warnUnknown(orderId: string, steps: OutcomeStep[], cause: Cause): void {
    this.logger.warn(`order ${orderId} is unknown; ${steps.map((step) => step.to).join(', ')} skipped${describe(cause)}`);
  }

  private async applyStep(tx: Prisma.TransactionClient, order: FullOrder, { to, reason, facts = {} }: OutcomeStep, cause: Cause): Promise<{ result: OutcomeResult; order: FullOrder }> {
    const plan = planOutcome(stateOf(order), to);
    if (plan.kind === 'skip') {
      this.logger.warn(`order ${order.orderNumber} (${order.id}): ${plan.reason}; skipped${describe(cause)}`);
      return { result: 'skipped', order };
    }
    if (plan.kind === 'move') return { result: 'moved', order: await this.move(tx, order, to, reason, cause, {}, facts) };
    // On hold: fulfillment went on regardless; remember where release-hold must return to.
    const now = this.clock.now();
    const updated = await tx.salesOrder.update({ where: { id: order.id }, data: { statusBeforeHold: to, updatedAt: now }, include: WITH_LINES });
    const note = `${to} while on hold${reason ? ` (${reason})` : ''}; release-hold returns to ${to}`;
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: 'on-hold', toStatus: 'on-hold', reason: note, at: now, ...actorColumns(cause) } });
    return { result: 'under-hold', order: updated };
  }

  /**
   * Steps that each move the order (no hold on either side, nothing cancelled), checked by movesThrough: written
   * in one statement, then each step's event, in turn.
   */
  /** Moves each locked order through its steps (one statement for all), then publishes each step's event, order by order. */
  private async moveThroughMany(tx: SqlClient, moves: ReadonlyArray<{ order: FullOrder; steps: OutcomeStep[]; cause: Cause }>): Promise<void> {
    const timed = moves.map((move) => ({ ...move, at: this.clock.now() }));
    const changed = await updateOrderStatuses(tx, timed.map(({ order, steps, cause, at }) => ({
      order, changes: steps.map((step) => ({ status: step.to, reason: step.reason })), at, actor: actorColumns(cause),
    })));
    for (const [i, { steps, cause, at }] of timed.entries()) {
      const { orders, openHolds } = changed[i]!;
      const holds = openHolds.map(toHoldV1);
      for (const [j, step] of steps.entries()) await publishOrderState(tx, orders[j]!, step.reason, cause, at, step.facts ?? {}, holds);
    }
  }

  /** Applies a change the caller has checked: status, history row, event. */
  async move(
    tx: Prisma.TransactionClient, order: FullOrder, to: OrderStatus, reason: string | null, cause: Cause,
    extra: Prisma.SalesOrderUpdateInput = {}, facts: EventFacts = {},
  ): Promise<FullOrder> {
    const now = this.clock.now();
    const from = order.status;
    const holdChange = to === 'on-hold' ? { statusBeforeHold: from, holdReason: reason } : from === 'on-hold' ? { statusBeforeHold: null, holdReason: null } : undefined;
    const hold = holdChange ?? {};
    // A cancelled order has nothing left to hold: its open holds are cleared by whoever cancelled it.
    const cleared = to === 'cancelled' ? await clearHolds(tx, await openHolds(tx, order.id), actorOfCause(cause), `order cancelled${reason ? `: ${reason}` : ''}`, now) : [];
    const history = { fromStatus: from, toStatus: to, reason, at: now, ...actorColumns(cause) };
    // The common change (status and hold columns) and its history row in one SQL statement; other columns through Prisma.
    let updated: FullOrder;
    // Its open holds come back with the common change (the event carries them); read by the event otherwise.
    let holds: OrderHold[] | undefined;
    if (Object.keys(extra).length === 0) {
      const written = await updateOrderStatus(tx, order, [{ status: to, reason, hold: holdChange }], now, actorColumns(cause));
      [updated] = written.orders as [FullOrder];
      holds = written.openHolds;
    } else {
      updated = await tx.salesOrder.update({ where: { id: order.id }, data: { ...extra, ...hold, status: to, updatedAt: now }, include: WITH_LINES });
      await insertHistory(tx, { orderId: order.id, ...history });
    }
    const clearedFacts = cleared.length > 0 ? { clearedHolds: [...(facts.clearedHolds ?? []), ...cleared.map(toHoldV1)] } : {};
    await publishOrderState(tx, updated, reason, cause, now, { ...facts, ...clearedFacts }, holds?.map(toHoldV1));
    // Cancelled before capture: the open authorization is voided, whoever cancelled (people, stock policy, dunning, the late-order watchdog).
    if (to === 'cancelled') await this.settlement.voidOpen(tx, updated, reason ?? 'order cancelled', cause, now);
    return updated;
  }
}

export function stateOf(order: FullOrder): OrderState {
  return { status: order.status as OrderStatus, statusBeforeHold: order.statusBeforeHold as OrderStatus | null };
}

function describe(cause: Cause): string {
  return 'event' in cause ? ` (event ${cause.event.type} ${cause.event.id}, correlationid ${cause.event.correlationid})` : '';
}
