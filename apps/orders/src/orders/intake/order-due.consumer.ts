import { Injectable, Logger } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener, type EffectContext } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { withAgreedPrices } from './agreed-prices';
import { priceLines } from './line-pricing';
import { withRentalKinds } from './rental-lines';
import { DEFAULT_DELIVERY_MODE } from '../../delivery-modes/delivery-modes.service';
import { AuthorizationCompletion } from './authorization-completion.service';
import { OrderWriter } from './order-writer.service';

/**
 * Turns each due subscription cycle into exactly one sales order: the
 * processed_event mark drops a redelivered event, the unique cycle key drops a
 * second event for the same cycle. Prices come from the read model now (or, for a
 * continuity program step, from the event's agreed unit prices); a missing product
 * or price still creates the order, on hold, naming the SKU.
 */
@Injectable()
export class OrderDueConsumer {
  private readonly logger = new Logger(OrderDueConsumer.name);

  constructor(
    private readonly writer: OrderWriter,
    private readonly authorization: AuthorizationCompletion,
  ) {}

  @IdempotentListener(Topics.orderDue, 'orders.order-due', { types: [EventTypes.orderDue] })
  async createOrder(tx: Prisma.TransactionClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderDue)) return;
    const due = envelope.data;
    const draft = {
      customerId: due.customerId, customerEmail: due.customerEmail ?? null, customerName: due.customerName ?? null, customerPhone: null, channel: 'subscription', createdBy: null, sourceRef: null,
      subscriptionId: due.subscriptionId, cycleIndex: due.cycleIndex, cycleKey: due.cycleKey, currency: due.currency,
      outOfStockPolicy: due.outOfStockPolicy ?? 'backorder', shipTo: due.shipTo ?? null, billTo: null, deliveryMode: DEFAULT_DELIVERY_MODE, timeZone: due.timeZone ?? null,
      dunningFinalAction: due.dunningFinalAction ?? null,
      // A cycle of a subscription is not screened: the customer chose it once, and holding a recurring delivery for review would hold every cycle.
      screenForFraud: false,
    };
    // The products come with the rest of the order's context (settings, card, rates): one statement.
    const known = await this.writer.prepare(tx, draft, due.lines.map((line) => line.productId));
    // A continuity program step carries its agreed unit prices; other lines take the list price.
    const priced = withAgreedPrices(priceLines(due.lines, known.products, due.currency, { allowRetired: true }), due.lines);
    const pricing = { ...priced, lines: withRentalKinds(priced.lines, due.lines, known.products, due.cycleIndex) };
    const { order, created, authorizationPending } = await this.writer.insert(tx, { ...draft, pricing }, { event: envelope }, known);
    // The provider is asked after the batch commits, never inside its transaction.
    if (authorizationPending) context.afterCommit(async () => { await this.authorization.complete(order.id, { event: envelope }); });
    if (!created) this.logger.log(`${due.cycleKey} already has order ${order.orderNumber}; event ${envelope.id} created nothing`);
  }
}
