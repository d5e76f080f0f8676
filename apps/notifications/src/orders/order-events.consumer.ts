import { Inject, Injectable } from '@nestjs/common';
import { EVENT_REGISTRY, Topics, type EventEnvelope, type OrderLifecycleV1 } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, type BatchEvent, type EffectContext, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { OrderContact } from '../generated/prisma/client';
import { insertMessages, messageRows } from '../messages/message-drafts';
import { MessagesQueued } from '../messages/messages-queued.signal';
import { NotificationSettingsService } from '../rental/notification-settings.service';
import { RentalEmails } from '../rental/rental-emails.service';
import { firstConfirmationPerOrder, isConfirmation } from './confirm-once';
import { takeOrdersBacklog } from './order-backlog.sql';
import { rememberOrder, rememberOrders } from './order-contact';
import { orderNotices } from './order-notices';
import { releaseDeferredShipments } from './shipped-notice';

/** Every type on the order topic carries the full order (OrderLifecycleV1). */
const isOrderEvent = (envelope: EventEnvelope): envelope is EventEnvelope<OrderLifecycleV1> =>
  EVENT_REGISTRY.get(envelope.type)?.topic === Topics.order;

/**
 * Order events: every one refreshes the order read model (and releases shipped
 * emails that were waiting for it); created (once per order), backordered and out-of-stock
 * cancellations also queue their emails (rental orders also the store
 * manager's notice), a fraud hold the notice to operations. Queuing only: the
 * dispatcher sends, so a slow mail server never holds up the partition.
 * All SQL, so its batches run on pg directly: Prisma's request pipeline around
 * each statement was most of the service's CPU per cycle.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly rental: RentalEmails,
    private readonly queued: MessagesQueued,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @IdempotentListener(Topics.order, 'notifications.order', { transaction: 'pg' })
  async queueEmails(tx: SqlClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
    if (!isOrderEvent(envelope)) return;
    const { storeManagerEmail, opsEmail } = await this.settings.get(tx);
    const order = await rememberOrder(tx, envelope.data);
    const notices = orderNotices(envelope, storeManagerEmail ?? undefined, opsEmail ?? undefined);
    const now = this.clock.now();
    // Most order events send nothing and follow an order seen before: the upsert above is all they cost.
    if (order.firstSeen || notices.some(isConfirmation)) {
      const parked = await takeOrdersBacklog(tx, [order.orderId], messageRows(notices, now));
      await insertMessages(tx, await releaseDeferredShipments(tx, order, parked.get(order.orderId) ?? []), now);
    } else {
      await insertMessages(tx, notices, now);
    }
    await this.rental.onOrderEvent(tx, envelope, storeManagerEmail);
    if (notices.length > 0 || order.firstSeen) this.queued.afterCommitOf(context);
  }

  /**
   * {@link queueEmails} for a whole batch in two statements, where one by one it took one or two per event
   * (three order events per subscription cycle): one upsert of the batch's orders, one statement that takes
   * the parked shipments of the orders first seen and queues every email (the rental store manager's notices
   * too). Only the first confirmation of an order in the batch is kept, as one by one the later ones found it;
   * parked shipments are addressed from their order's first event, as one by one the event that took them was.
   * A batch with an event the read model cannot hold is refused, so that one by one it fails alone.
   */
  @IdempotentBatchEffect('queueEmails')
  async queueEmailsForBatch(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    const orderEvents = events.map((event) => event.envelope).filter(isOrderEvent);
    if (orderEvents.length === 0) return;
    const unfit = orderEvents.find((envelope) => !fitsReadModel(envelope.data));
    if (unfit) throw new Error(`order event ${unfit.id} lacks an order id, number or customer: the batch goes event by event`);
    const { storeManagerEmail, opsEmail } = await this.settings.get(tx);
    const orders = await rememberOrders(tx, orderEvents.map((envelope) => envelope.data));
    const drafts = firstConfirmationPerOrder(orderEvents.flatMap((envelope) => [
      ...orderNotices(envelope, storeManagerEmail ?? undefined, opsEmail ?? undefined),
      ...this.rental.orderNotices(envelope, storeManagerEmail),
    ]));
    const firstSeen = [...orders.values()].filter((order) => order.firstSeen).map((order) => order.orderId);
    if (drafts.length === 0 && firstSeen.length === 0) return;
    const now = this.clock.now();
    const parked = await takeOrdersBacklog(tx, firstSeen, messageRows(drafts, now));
    for (const [orderId, shipments] of parked) {
      const firstEvent = orderEvents.find((envelope) => envelope.data.orderId === orderId)!;
      await insertMessages(tx, await releaseDeferredShipments(tx, contactOf(firstEvent.data, now), shipments), now);
    }
    this.queued.afterCommitOf(events[0]!.context);
  }
}

/** What the read model requires of an order (its NOT NULL columns). */
const fitsReadModel = (order: OrderLifecycleV1): boolean =>
  [order.orderId, order.orderNumber, order.customerId].every((field) => typeof field === 'string' && field !== '');

/** The read model's row as an order's first event inserts it. */
const contactOf = (order: OrderLifecycleV1, at: Date): OrderContact => ({
  orderId: order.orderId, orderNumber: order.orderNumber, customerId: order.customerId,
  customerEmail: order.customerEmail ?? null, subscriptionId: order.subscriptionId ?? null, updatedAt: at,
});
