import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OutOfStockPolicy } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, IdempotentListenerOnPg, PgVariantDeclined, type BatchEvent, type SqlClient } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { OrderTransitions } from '../status/order-transitions.service';
import { shortageOutcome } from './shortage.policy';

/**
 * Reservation outcomes from fulfillment. Reserved means stock is held and the
 * pick was released to the warehouse: two steps, reserved then released, in
 * one transaction. A shortage applies the order's out-of-stock policy.
 * Released (stock given back after a cancel) changes nothing here.
 */
@Injectable()
export class ReservationOutcomeConsumer {
  constructor(private readonly transitions: OrderTransitions) {}

  @IdempotentListener(Topics.reservation, 'orders.reservation', { types: [EventTypes.reservationReserved, EventTypes.reservationShortage] })
  async applyOutcome(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    const cause = { event: envelope };
    if (isEventOfType(envelope, EventTypes.reservationReserved)) {
      await this.transitions.applyOutcomes(tx, envelope.data.orderId, reservedSteps(envelope.data.reservationId), cause);
    } else if (isEventOfType(envelope, EventTypes.reservationShortage)) {
      const { orderId, lines } = envelope.data;
      const order = await this.transitions.lock(tx, orderId);
      const { to, reason, stockOutcome } = shortageOutcome((order?.outOfStockPolicy ?? 'backorder') as OutOfStockPolicy, lines);
      await this.transitions.applyOutcome(tx, orderId, to, reason, cause, { stockOutcome });
    }
  }

  /**
   * {@link applyOutcome} for a batch of reserved outcomes, on pg directly: the order simply moves through reserved
   * and released (every cycle of the pipeline). One on hold, or in a state the machine does not simply move from,
   * is declined, and applied with applyOutcome in Prisma's transaction.
   */
  @IdempotentListenerOnPg('applyOutcome', (envelope) => envelope.type === EventTypes.reservationReserved)
  async applyReservedOnPg(tx: SqlClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.reservationReserved)) return;
    const { orderId, reservationId } = envelope.data;
    const result = await this.transitions.applySimpleOutcomes(tx, orderId, reservedSteps(reservationId), { event: envelope });
    if (result === 'declined') throw new PgVariantDeclined(`order ${orderId} does not simply move to reserved and released`);
  }

  /**
   * {@link applyReservedOnPg} for a whole batch of reserved outcomes: the orders locked in one statement, moved with
   * their history rows in another, the events as the variant writes them. A batch with an order that does not simply
   * move (or one named twice) is declined whole, before anything is written: the variant then takes it event by event.
   */
  @IdempotentBatchEffect('applyReservedOnPg')
  async applyAllReservedOnPg(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    const outcomes = events.map(({ envelope }) => {
      if (!isEventOfType(envelope, EventTypes.reservationReserved)) throw new Error(`event ${envelope.id} is a ${envelope.type}, not a reserved outcome`);
      return { orderId: envelope.data.orderId, steps: reservedSteps(envelope.data.reservationId), cause: { event: envelope } };
    });
    const results = await this.transitions.applySimpleOutcomesMany(tx, outcomes);
    if (results === 'declined') throw new PgVariantDeclined(`an order of the batch of ${events.length} does not simply move to reserved and released`);
  }
}

/** A reservation's two steps: stock held, then the pick released to the warehouse. */
function reservedSteps(reservationId: string) {
  return [
    { to: 'reserved' as const, reason: `stock reserved (reservation ${reservationId})` },
    { to: 'released' as const, reason: 'released to the warehouse' },
  ];
}
