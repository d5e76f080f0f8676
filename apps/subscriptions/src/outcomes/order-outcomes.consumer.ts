import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { IdempotentListener, IdempotentListenerOnPg, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { pauseBySystem } from './system-changes';

/**
 * Order outcomes of subscription cycles, back on the subscription:
 * - created: the cycle records its order; IOM's current subscription number
 *   and last ordered date advance;
 * - backordered / cancelled for lack of stock: the cycle records what the
 *   out-of-stock policy did, and "pause" pauses the subscription;
 * - late (told late) / cancelled with cancelCode late: the cycle records
 *   what the late-order watchdog did (lateOutcome noticed, then cancelled-late).
 */
@Injectable()
export class OrderOutcomesConsumer {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @IdempotentListener(Topics.order, 'subscriptions.order-outcomes', {
    types: [EventTypes.orderCreated, EventTypes.orderBackordered, EventTypes.orderCancelled, EventTypes.orderLate],
  })
  async recordOutcome(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    const data = envelope.data as OrderLifecycleV1;
    if (!data.subscriptionId || data.cycleIndex === undefined) return; // a one-off order
    if (isEventOfType(envelope, EventTypes.orderCreated)) {
      await recordOrder(tx, envelope.data, new Date(envelope.time));
    } else if (isEventOfType(envelope, EventTypes.orderLate)) {
      await recordLateOutcome(tx, data, 'noticed');
    } else if (data.cancelCode === 'late') {
      await recordLateOutcome(tx, data, 'cancelled-late');
    } else if (data.stockOutcome) {
      // The out-of-stock decision is a typed field of the order event, never parsed from `reason`.
      await recordStockOutcome(tx, data, data.stockOutcome);
      if (data.stockOutcome === 'paused') {
        const reason = 'paused by its out-of-stock policy: a cycle could not be reserved';
        await pauseBySystem(tx, data.subscriptionId, { event: envelope, reason, at: this.clock.now() });
      }
    }
  }

  /**
   * A batch of created orders (one per due cycle, the pipeline's common event) on pg directly: Prisma's
   * transaction and request pipeline around these statements were most of this service's CPU per cycle.
   */
  @IdempotentListenerOnPg('recordOutcome', (envelope) => envelope.type === EventTypes.orderCreated)
  async recordOrderOnPg(tx: SqlClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderCreated)) return;
    const order = envelope.data;
    if (!order.subscriptionId || order.cycleIndex === undefined) return; // a one-off order
    await recordOrder(tx, order, new Date(envelope.time));
  }
}

/**
 * The cycle records its order and the subscription advances, in one statement; nothing changes for an
 * unknown cycle or one whose order was recorded already (a second order event for it).
 */
async function recordOrder(tx: SqlClient, order: OrderLifecycleV1, orderedAtDate: Date): Promise<void> {
  // As text with its zone: Prisma's adapter sends a Date as UTC without one, which the session's TimeZone would read.
  const orderedAt = orderedAtDate.toISOString();
  await tx.$executeRaw`
    WITH recorded AS (
      UPDATE subscription_cycle SET order_id = ${order.orderId}, ordered_at = ${orderedAt}::timestamptz
      WHERE subscription_id = ${order.subscriptionId}::uuid AND cycle_index = ${order.cycleIndex}::int AND order_id IS NULL
      RETURNING subscription_id)
    UPDATE subscription
    SET current_cycle = current_cycle + 1,
        last_ordered_at = GREATEST(COALESCE(last_ordered_at, ${orderedAt}::timestamptz), ${orderedAt}::timestamptz),
        updated_at = now()
    WHERE id IN (SELECT subscription_id FROM recorded)`;
}

/** Only forward: a redelivered or overtaken late event never turns cancelled-late back into noticed. */
async function recordLateOutcome(tx: Prisma.TransactionClient, order: OrderLifecycleV1, outcome: 'noticed' | 'cancelled-late'): Promise<void> {
  await tx.subscriptionCycle.updateMany({
    where: { subscriptionId: order.subscriptionId!, cycleIndex: order.cycleIndex!, ...(outcome === 'noticed' && { lateOutcome: null }) },
    data: { lateOutcome: outcome },
  });
}

async function recordStockOutcome(tx: Prisma.TransactionClient, order: OrderLifecycleV1, outcome: string): Promise<void> {
  await tx.subscriptionCycle.updateMany({
    where: { subscriptionId: order.subscriptionId!, cycleIndex: order.cycleIndex! },
    data: { stockOutcome: outcome },
  });
}
