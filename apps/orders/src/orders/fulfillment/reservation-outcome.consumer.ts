import { Injectable, Logger } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OutOfStockPolicy } from '@oms/contracts';
import { KafkaListener } from '@oms/kafka';
import { IdempotentConsumer } from '@oms/outbox';
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
  private readonly logger = new Logger(ReservationOutcomeConsumer.name);

  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly transitions: OrderTransitions,
  ) {}

  @KafkaListener(Topics.reservation)
  async handle(envelope: EventEnvelope): Promise<void> {
    const cause = { event: envelope };
    if (isEventOfType(envelope, EventTypes.reservationReserved)) {
      const { orderId, reservationId } = envelope.data;
      await this.idempotent.handle('orders.reservation', envelope, async (sql) => {
        const tx = sql as unknown as Prisma.TransactionClient;
        const reserved = await this.transitions.applyOutcome(tx, orderId, 'reserved', `stock reserved (reservation ${reservationId})`, cause);
        if (reserved === 'moved' || reserved === 'under-hold') {
          await this.transitions.applyOutcome(tx, orderId, 'released', 'released to the warehouse', cause);
        }
      });
    } else if (isEventOfType(envelope, EventTypes.reservationShortage)) {
      const { orderId, lines } = envelope.data;
      await this.idempotent.handle('orders.reservation', envelope, async (sql) => {
        const tx = sql as unknown as Prisma.TransactionClient;
        const order = await this.transitions.lock(tx, orderId);
        const { to, reason } = shortageOutcome((order?.outOfStockPolicy ?? 'backorder') as OutOfStockPolicy, lines);
        await this.transitions.applyOutcome(tx, orderId, to, reason, cause);
      });
    } else if (isEventOfType(envelope, EventTypes.reservationReleased)) {
      this.logger.debug(`order ${envelope.data.orderId}: reservation ${envelope.data.reservationId} released; nothing to change`);
    }
  }
}
