import { Injectable, Logger } from '@nestjs/common';
import { actorOfEvent, channelActor } from '@oms/auth';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { priceLines } from './line-pricing';
import { DEFAULT_DELIVERY_MODE } from '../../delivery-modes/delivery-modes.service';
import { AuthorizationCompletion } from './authorization-completion.service';
import { OrderWriter } from './order-writer.service';

/**
 * The one-off part of an upstream channel order. Lines with a frequency start
 * subscriptions (the subscriptions service creates them, and their cycle 0
 * becomes an order through order-due), so they are left out here; an order
 * with only such lines creates nothing. (channel, channelOrderId) is unique:
 * a repeated placement creates nothing. A line that cannot be priced puts the
 * order on hold naming the SKU instead of losing the customer's order.
 */
@Injectable()
export class ChannelOrderConsumer {
  private readonly logger = new Logger(ChannelOrderConsumer.name);

  constructor(
    private readonly writer: OrderWriter,
    private readonly authorization: AuthorizationCompletion,
  ) {}

  @IdempotentListener(Topics.channelOrder, 'orders.channel-order', { types: [EventTypes.channelOrderPlaced] })
  async createOrder(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.channelOrderPlaced)) return;
    const placed = envelope.data;
    const oneOff = placed.lines.filter((line) => !line.frequency);
    if (oneOff.length === 0) return; // subscription lines only: nothing for orders
    const draft = {
      customerId: placed.customerId, customerEmail: placed.customerEmail ?? null, customerName: placed.customerName ?? null, customerPhone: placed.customerPhone ?? null, channel: placed.channel, sourceRef: placed.channelOrderId,
      // The event names no token: its channel is its creator, so a channel token whose sub is that channel name reads it.
      createdBy: placed.channel,
      subscriptionId: null, cycleIndex: null, cycleKey: null, currency: placed.currency, outOfStockPolicy: 'backorder' as const, shipTo: placed.shipTo ?? null, billTo: placed.billTo ?? null,
      deliveryMode: DEFAULT_DELIVERY_MODE, screenForFraud: true,
    };
    // The products come with the rest of the order's context (settings, card, rates): one statement.
    const known = await this.writer.prepare(tx, draft, oneOff.map((l) => l.productId));
    const pricing = priceLines(oneOff, known.products, placed.currency, { allowRetired: false });
    const cause = { event: envelope, actor: actorOfEvent(envelope, channelActor(placed.channel)) };
    const { order, created, authorizationPending } = await this.writer.insert(tx, { ...draft, pricing }, cause, known);
    // The provider is asked after the batch commits, never inside its transaction.
    if (authorizationPending) context.afterCommit(async () => { await this.authorization.complete(order.id, cause); });
    if (!created) this.logger.log(`${placed.channel} order ${placed.channelOrderId} already is ${order.orderNumber}; event ${envelope.id} created nothing`);
  }
}
