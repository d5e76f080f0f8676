import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, IdempotentListenerOnPg, type BatchEvent, type SqlClient } from '@oms/outbox';
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
      await recordOrders(tx, [envelope]);
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
    await recordOrders(tx, [envelope]);
  }

  /** {@link recordOrderOnPg} for a whole batch: every cycle's order recorded, and its subscription advanced, in one statement. */
  @IdempotentBatchEffect('recordOrderOnPg')
  async recordOrdersOnPg(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    await recordOrders(tx, events.map((event) => event.envelope));
  }
}

/**
 * Each cycle records its order and each subscription advances by the cycles recorded, in one statement; nothing
 * changes for an unknown cycle or one whose order was recorded already (a second order event for it: within the
 * batch, the first one's order is kept, as one by one; "first" is decided after the uuid cast, so two spellings of
 * one subscription id are one). One-off orders are not recorded.
 */
async function recordOrders(tx: SqlClient, envelopes: readonly EventEnvelope[]): Promise<void> {
  const cycles = envelopes.flatMap((envelope) => {
    if (!isEventOfType(envelope, EventTypes.orderCreated)) return [];
    const order = envelope.data;
    if (!order.subscriptionId || order.cycleIndex === undefined) return []; // a one-off order
    // As text with its zone: Prisma's adapter sends a Date as UTC without one, which the session's TimeZone would read.
    return [{ subscriptionId: order.subscriptionId, cycleIndex: order.cycleIndex, orderId: order.orderId, orderedAt: new Date(envelope.time).toISOString() }];
  });
  if (cycles.length === 0) return;
  // `= ANY(ids)` beside each join: a join on unnest alone may be planned as a scan of the whole table (see ledger.sql.ts).
  const ids = cycles.map((c) => c.subscriptionId);
  await tx.$executeRaw`
    WITH batch AS (
      SELECT DISTINCT ON (v.subscription_id, v.cycle_index) v.subscription_id, v.cycle_index, v.order_id, v.ordered_at
      FROM unnest(${ids}::uuid[], ${cycles.map((c) => c.cycleIndex)}::int[], ${cycles.map((c) => c.orderId)}::text[], ${cycles.map((c) => c.orderedAt)}::timestamptz[])
        WITH ORDINALITY AS v(subscription_id, cycle_index, order_id, ordered_at, position)
      ORDER BY v.subscription_id, v.cycle_index, v.position
    ), recorded AS (
      UPDATE subscription_cycle AS c SET order_id = batch.order_id, ordered_at = batch.ordered_at
      FROM batch
      WHERE c.subscription_id = batch.subscription_id AND c.cycle_index = batch.cycle_index AND c.order_id IS NULL
        AND c.subscription_id = ANY(${ids}::uuid[])
      RETURNING c.subscription_id, batch.ordered_at)
    UPDATE subscription
    SET current_cycle = current_cycle + r.cycles,
        last_ordered_at = GREATEST(COALESCE(last_ordered_at, r.last_at), r.last_at),
        updated_at = now()
    FROM (SELECT subscription_id, count(*)::int AS cycles, max(ordered_at) AS last_at FROM recorded GROUP BY subscription_id) AS r
    WHERE subscription.id = r.subscription_id AND subscription.id = ANY(${ids}::uuid[])`;
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
