import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OutOfStockPolicy } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
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
      const { orderId, reservationId } = envelope.data;
      await this.transitions.applyOutcomes(tx, orderId, [
        { to: 'reserved', reason: `stock reserved (reservation ${reservationId})` },
        { to: 'released', reason: 'released to the warehouse' },
      ], cause);
    } else if (isEventOfType(envelope, EventTypes.reservationShortage)) {
      const { orderId, lines } = envelope.data;
      const order = await this.transitions.lock(tx, orderId);
      const { to, reason, stockOutcome } = shortageOutcome((order?.outOfStockPolicy ?? 'backorder') as OutOfStockPolicy, lines);
      await this.transitions.applyOutcome(tx, orderId, to, reason, cause, { stockOutcome });
    }
  }
}
