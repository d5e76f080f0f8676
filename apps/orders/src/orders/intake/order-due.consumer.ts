import { Injectable, Logger } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderDueV1 } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, IdempotentListenerOnPg, PgVariantDeclined, type BatchEvent, type EffectContext, type SqlClient } from '@oms/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { withAgreedPrices } from './agreed-prices';
import { priceLines } from './line-pricing';
import { withRentalKinds } from './rental-lines';
import { DEFAULT_DELIVERY_MODE } from '../../delivery-modes/delivery-modes.service';
import { AuthorizationCompletion } from './authorization-completion.service';
import type { NewOrderContext } from './new-order-context.sql';
import { OrderWriter, type OrderDraft, type WrittenOrder } from './order-writer.service';

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
    const draft = this.draftOf(envelope.data);
    const priced = pricedDraft(draft, envelope.data, await this.writer.prepare(tx, draft, productIdsOf(envelope.data)));
    this.written(await this.writer.insert(tx, priced.draft, { event: envelope }, priced.known), envelope, context);
  }

  /**
   * {@link createOrder} on pg directly, for a batch of due cycles (every cycle of the pipeline): the same statements,
   * all SQL. A cycle whose order needs Prisma's transaction (a card the channel requires is missing: the refusal and
   * the dunning case) is declined before anything is written, and created by createOrder.
   */
  @IdempotentListenerOnPg('createOrder', (envelope) => envelope.type === EventTypes.orderDue)
  async createOrderOnPg(tx: SqlClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderDue)) return;
    const draft = this.draftOf(envelope.data);
    const priced = pricedDraft(draft, envelope.data, await this.writer.prepare(tx, draft, productIdsOf(envelope.data)));
    const written = await this.writer.insertPlain(tx, priced.draft, { event: envelope }, priced.known);
    if (written === 'declined') throw new PgVariantDeclined(`the order of ${envelope.data.cycleKey} needs Prisma's transaction (payment refused at once)`);
    this.written(written, envelope, context);
  }

  /**
   * {@link createOrderOnPg} for a whole batch of due cycles: their contexts in one statement, their new orders in
   * another, the same rows and events as the variant applied to each in turn. A batch with a cycle whose order needs
   * Prisma's transaction is declined whole, before anything is written: the variant then takes it event by event.
   */
  @IdempotentBatchEffect('createOrderOnPg')
  async createOrdersOnPg(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    const dues = events.map(({ envelope, context }) => {
      if (!isEventOfType(envelope, EventTypes.orderDue)) throw new Error(`event ${envelope.id} is a ${envelope.type}, not an order due`);
      return { envelope, context, draft: this.draftOf(envelope.data) };
    });
    const contexts = await this.writer.prepareMany(tx, dues.map(({ draft, envelope }) => ({ draft, productIds: productIdsOf(envelope.data) })));
    const batch = dues.map(({ envelope, draft }, i) => {
      const priced = pricedDraft(draft, envelope.data, contexts[i]!);
      return { draft: priced.draft, cause: { event: envelope }, context: priced.known };
    });
    const written = await this.writer.insertManyPlain(tx, batch);
    if (written === 'declined') throw new PgVariantDeclined(`a cycle of the batch of ${events.length} needs Prisma's transaction (payment refused at once)`);
    written.forEach((order, i) => this.written(order, dues[i]!.envelope, dues[i]!.context));
  }

  private draftOf(due: OrderDueV1): Omit<OrderDraft, 'pricing'> {
    return {
      customerId: due.customerId, customerEmail: due.customerEmail ?? null, customerName: due.customerName ?? null, customerPhone: null, channel: 'subscription', createdBy: null, sourceRef: null,
      subscriptionId: due.subscriptionId, cycleIndex: due.cycleIndex, cycleKey: due.cycleKey, currency: due.currency,
      outOfStockPolicy: due.outOfStockPolicy ?? 'backorder', shipTo: due.shipTo ?? null, billTo: null, deliveryMode: DEFAULT_DELIVERY_MODE, timeZone: due.timeZone ?? null,
      dunningFinalAction: due.dunningFinalAction ?? null,
      // A cycle of a subscription is not screened: the customer chose it once, and holding a recurring delivery for review would hold every cycle.
      screenForFraud: false,
    };
  }

  private written({ order, created, authorizationPending }: WrittenOrder, envelope: EventEnvelope<OrderDueV1>, context: EffectContext): void {
    // The provider is asked after the batch commits, never inside its transaction.
    if (authorizationPending) context.afterCommit(async () => { await this.authorization.complete(order.id, { event: envelope }); });
    if (!created) this.logger.log(`${envelope.data.cycleKey} already has order ${order.orderNumber}; event ${envelope.id} created nothing`);
  }
}

const productIdsOf = (due: OrderDueV1) => due.lines.map((line) => line.productId);

/**
 * The draft priced from its context (the products come with the rest of it, settings, card, rates: one statement):
 * a continuity program step carries its agreed unit prices; other lines take the list price.
 */
function pricedDraft(draft: Omit<OrderDraft, 'pricing'>, due: OrderDueV1, known: NewOrderContext): { draft: OrderDraft; known: NewOrderContext } {
  const priced = withAgreedPrices(priceLines(due.lines, known.products, due.currency, { allowRetired: true }), due.lines);
  return { draft: { ...draft, pricing: { ...priced, lines: withRentalKinds(priced.lines, due.lines, known.products, due.cycleIndex) } }, known };
}
