import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { KafkaListener } from '@oms/kafka';
import { IdempotentConsumer } from '@oms/outbox';
import type { Prisma } from '../generated/prisma/client';

/**
 * When the orders service has created the sales order of a cycle, the cycle
 * records the order, and the subscription advances IOM's "current
 * subscription number" and "last ordered date".
 */
@Injectable()
export class OrderCreatedConsumer {
  constructor(private readonly idempotent: IdempotentConsumer) {}

  @KafkaListener(Topics.order)
  async handle(envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderCreated)) return;
    const { subscriptionId, cycleIndex, orderId } = envelope.data;
    if (!subscriptionId || cycleIndex === undefined) return; // a one-off order
    const orderedAt = new Date(envelope.time);
    await this.idempotent.handle('subscriptions.order-created', envelope, async (sql) => {
      const tx = sql as unknown as Prisma.TransactionClient;
      const recorded = await tx.subscriptionCycle.updateMany({
        where: { subscriptionId, cycleIndex, orderId: null },
        data: { orderId, orderedAt },
      });
      if (recorded.count === 0) return; // unknown cycle, or its order was recorded already
      await tx.$executeRaw`
        UPDATE subscription
        SET current_cycle = current_cycle + 1,
            last_ordered_at = GREATEST(COALESCE(last_ordered_at, ${orderedAt}), ${orderedAt}),
            updated_at = now()
        WHERE id = ${subscriptionId}::uuid`;
    });
  }
}
