import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { EventTypes, type EventType } from '@oms/contracts';
import { CLOCK, fieldConflict, notFound, type Clock } from '@oms/service-runtime';
import type { OrderHold, Prisma } from '../../generated/prisma/client';
import { clearHolds, holdSummary, insertHold, openHolds, toHoldV1, type HoldSpec } from '../holds/hold-rows';
import { priceMissingLines, pricingProblems } from '../holds/missing-prices';
import { OrderTaxService } from '../../tax/order-tax.service';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { actorColumns, actorOfCause, publishOrderEvent, type Cause, type EventFacts } from './order-events';
import { checkReleaseHold, checkTransition } from './order-status.machine';
import { OrderTransitions, stateOf } from './order-transitions.service';

/** The hold types the one untyped hold of old covered: release-hold clears these, never a fraud, payment or credit hold. */
const RELEASE_HOLD_TYPES = new Set(['manual', 'pricing']);

/**
 * Typed holds. The order is on-hold while any hold is open: the first hold
 * moves it there (its on-hold event), another is added under it (hold-placed),
 * clearing one of several keeps it held (hold-cleared), and clearing the last
 * returns it to the status the hold interrupted (that status's event). A
 * pricing hold clears only once every line can be priced, and prices them.
 */
@Injectable()
export class OrderHolds {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly tax: OrderTaxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async place(tx: Prisma.TransactionClient, orderId: string, spec: HoldSpec, cause: Cause): Promise<FullOrder> {
    const order = await this.transitions.lockOrThrow(tx, orderId);
    const now = this.clock.now();
    if (order.status !== 'on-hold') {
      const check = checkTransition(stateOf(order), 'on-hold');
      if (!check.allowed) throw conflict(check.reason);
      const hold = await insertHold(tx, order.id, spec, actorOfCause(cause), now);
      return this.transitions.move(tx, order, 'on-hold', holdSummary([hold]), cause, {}, { placedHolds: [toHoldV1(hold)] });
    }
    const hold = await insertHold(tx, order.id, spec, actorOfCause(cause), now);
    return this.stayOnHold(tx, order, `hold placed: ${holdSummary([hold])}`, cause, {}, { placedHolds: [toHoldV1(hold)] }, EventTypes.orderHoldPlaced);
  }

  /** Clears one hold of the order: 404 for a hold the order does not have, 409 when it is cleared already. */
  async clear(tx: Prisma.TransactionClient, orderId: string, holdId: string, reason: string, cause: Cause): Promise<FullOrder> {
    const order = await this.transitions.lockOrThrow(tx, orderId);
    const hold = await tx.orderHold.findFirst({ where: { id: holdId, orderId } });
    if (!hold) throw notFound('hold', holdId);
    if (hold.clearedAt) {
      throw fieldConflict('holdId', `hold ${holdId} was cleared already, at ${hold.clearedAt.toISOString()} by ${hold.clearedBySub}`);
    }
    return this.clearAndRelease(tx, order, [hold], reason, cause);
  }

  /** POST /orders/{id}/release-hold: clears the open manual and pricing holds; refused while a fraud, payment or credit hold is open. */
  async releaseHold(tx: Prisma.TransactionClient, orderId: string, cause: Cause): Promise<FullOrder> {
    const order = await this.transitions.lockOrThrow(tx, orderId);
    const check = checkReleaseHold(stateOf(order));
    if (!check.allowed) throw conflict(check.reason);
    const open = await openHolds(tx, order.id);
    const others = open.filter((h) => !RELEASE_HOLD_TYPES.has(h.type));
    if (others.length > 0) {
      const named = others.map((h) => `${h.type} hold ${h.id}`).join(', ');
      throw conflict(`cannot release the hold: ${named} must be cleared on its own (POST /orders/${order.id}/holds/{holdId}/clear)`);
    }
    return this.clearAndRelease(tx, order, open, 'released with release-hold', cause);
  }

  /**
   * Clears the pricing hold of an order once every line can be priced (the
   * order is released unless other holds stay open); otherwise leaves it and
   * says what is still missing.
   */
  async releasePricingHold(tx: Prisma.TransactionClient, orderId: string, cause: Cause): Promise<'released' | string> {
    const order = await this.transitions.lock(tx, orderId);
    if (!order || order.status !== 'on-hold') return 'not held for pricing';
    const pricing = (await openHolds(tx, order.id)).filter((h) => h.type === 'pricing');
    if (pricing.length === 0) return 'not held for pricing';
    const missing = await pricingProblems(tx, order);
    if (missing) return missing;
    const after = await this.clearAndRelease(tx, order, pricing, 'every line is priced now', cause);
    return after.status === 'on-hold' ? 'priced; other holds stay open' : 'released';
  }

  private async clearAndRelease(tx: Prisma.TransactionClient, order: FullOrder, holds: OrderHold[], reason: string, cause: Cause): Promise<FullOrder> {
    const extra = holds.some((h) => h.type === 'pricing') ? await priceMissingLines(tx, order, this.tax) : {};
    const cleared = (await clearHolds(tx, holds, actorOfCause(cause), reason, this.clock.now())).map(toHoldV1);
    const open = await openHolds(tx, order.id);
    if (open.length > 0) {
      return this.stayOnHold(tx, order, `hold cleared: ${reason}`, cause, extra, { clearedHolds: cleared }, EventTypes.orderHoldCleared);
    }
    const check = checkReleaseHold(stateOf(order));
    if (!check.allowed) throw conflict(check.reason);
    return this.transitions.move(tx, order, check.to, `hold released: ${reason}`, cause, extra, { clearedHolds: cleared });
  }

  /** A hold placed or cleared while the order stays on hold: the reasons, one history row, the event of `type`. */
  private async stayOnHold(
    tx: Prisma.TransactionClient, order: FullOrder, note: string, cause: Cause, extra: Prisma.SalesOrderUpdateInput, facts: EventFacts, type: EventType,
  ): Promise<FullOrder> {
    const now = this.clock.now();
    const holdReason = holdSummary(await openHolds(tx, order.id));
    const updated = await tx.salesOrder.update({ where: { id: order.id }, data: { ...extra, holdReason, updatedAt: now }, include: WITH_LINES });
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: 'on-hold', toStatus: 'on-hold', reason: note, at: now, ...actorColumns(cause) } });
    await publishOrderEvent(tx, type, updated, note, cause, now, facts);
    return updated;
  }
}

function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}
