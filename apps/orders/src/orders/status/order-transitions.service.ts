import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import type { OrderStatus } from '@oms/contracts';
import { CLOCK, notFound, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PaymentSettlement } from '../../payments/authorization/payment-settlement.service';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { clearHolds, openHolds, toHoldV1 } from '../holds/hold-rows';
import { actorColumns, actorOfCause, publishOrderState, type Cause, type EventFacts } from './order-events';
import { checkTransition, planOutcome, type OrderState } from './order-status.machine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OutcomeResult = 'moved' | 'under-hold' | 'skipped' | 'unknown-order';

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
  async lock(tx: Prisma.TransactionClient, orderId: string): Promise<FullOrder | null> {
    if (!UUID.test(orderId)) return null;
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sales_order WHERE id = ${orderId}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.salesOrder.findUnique({ where: { id: orderId }, include: WITH_LINES });
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
    const order = await this.lock(tx, orderId);
    if (!order) {
      this.logger.warn(`order ${orderId} is unknown; ${to} skipped${describe(cause)}`);
      return 'unknown-order';
    }
    const plan = planOutcome(stateOf(order), to);
    if (plan.kind === 'skip') {
      this.logger.warn(`order ${order.orderNumber} (${order.id}): ${plan.reason}; skipped${describe(cause)}`);
      return 'skipped';
    }
    if (plan.kind === 'move') {
      await this.move(tx, order, to, reason, cause, {}, facts);
      return 'moved';
    }
    // On hold: fulfillment went on regardless; remember where release-hold must return to.
    const now = this.clock.now();
    await tx.salesOrder.update({ where: { id: order.id }, data: { statusBeforeHold: to, updatedAt: now } });
    const note = `${to} while on hold${reason ? ` (${reason})` : ''}; release-hold returns to ${to}`;
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: 'on-hold', toStatus: 'on-hold', reason: note, at: now, ...actorColumns(cause) } });
    return 'under-hold';
  }

  /** Applies a change the caller has checked: status, history row, event. */
  async move(
    tx: Prisma.TransactionClient, order: FullOrder, to: OrderStatus, reason: string | null, cause: Cause,
    extra: Prisma.SalesOrderUpdateInput = {}, facts: EventFacts = {},
  ): Promise<FullOrder> {
    const now = this.clock.now();
    const from = order.status;
    const hold = to === 'on-hold' ? { statusBeforeHold: from, holdReason: reason } : from === 'on-hold' ? { statusBeforeHold: null, holdReason: null } : {};
    // A cancelled order has nothing left to hold: its open holds are cleared by whoever cancelled it.
    const cleared = to === 'cancelled' ? await clearHolds(tx, await openHolds(tx, order.id), actorOfCause(cause), `order cancelled${reason ? `: ${reason}` : ''}`, now) : [];
    const updated = await tx.salesOrder.update({ where: { id: order.id }, data: { ...extra, ...hold, status: to, updatedAt: now }, include: WITH_LINES });
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: from, toStatus: to, reason, at: now, ...actorColumns(cause) } });
    const clearedFacts = cleared.length > 0 ? { clearedHolds: [...(facts.clearedHolds ?? []), ...cleared.map(toHoldV1)] } : {};
    await publishOrderState(tx, updated, reason, cause, now, { ...facts, ...clearedFacts });
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
