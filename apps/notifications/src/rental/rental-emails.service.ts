import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, type EventEnvelope, type OrderLifecycleV1, type SubscriptionLifecycleV1 } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { insertMessages, type MessageDraft } from '../messages/message-drafts';
import { NotificationSettingsService } from './notification-settings.service';
import { rentalOrderNotices, rentalRequestNotices } from './rental-notices';

/** Subscription states in which a check-in not yet sent is dropped. */
const STOPPED: readonly string[] = ['cancelled', 'ended'];

/**
 * The rental side of the events the service already consumes (one consumer per
 * topic and service, so the order, subscription and shipment consumers hand
 * each event here too, inside their transaction): emails to the customer and
 * the store manager, the check-in to plan, the deliveries' statuses to watch.
 */
@Injectable()
export class RentalEmails {
  constructor(
    private readonly settings: NotificationSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** @param storeManagerEmail - from the settings the caller read in the same transaction. */
  async onOrderEvent(tx: SqlClient, envelope: EventEnvelope<OrderLifecycleV1>, storeManagerEmail: string | null): Promise<void> {
    await insertMessages(tx, this.orderNotices(envelope, storeManagerEmail), this.clock.now());
  }

  /** What onOrderEvent queues, for a caller that queues a batch's messages itself. */
  orderNotices(envelope: EventEnvelope<OrderLifecycleV1>, storeManagerEmail: string | null): MessageDraft[] {
    return envelope.type === EventTypes.orderCreated ? rentalOrderNotices(envelope, storeManagerEmail) : [];
  }

  /** @returns the messages it queued (a swap or end request's emails), so the caller can wake the dispatcher. */
  async onSubscriptionEvent(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>): Promise<number> {
    const subscription = envelope.data;
    if (!subscription.rental) return 0;
    if (STOPPED.includes(subscription.status)) {
      await tx.rentalCheckIn.updateMany({ where: { subscriptionId: subscription.subscriptionId, status: 'scheduled' }, data: { status: 'cancelled' } });
    } else {
      await this.planCheckIn(tx, envelope);
    }
    const requests = [EventTypes.subscriptionSwapRequested, EventTypes.subscriptionEndRequested] as string[];
    if (!requests.includes(envelope.type)) return 0;
    const { storeManagerEmail } = await this.settings.get(tx);
    return insertMessages(tx, rentalRequestNotices(envelope, storeManagerEmail), this.clock.now());
  }

  /**
   * The first rental event plans the check-in; later ones find it planned (or sent) and change nothing. A
   * subscription already past day N when it is first seen (started in the past) gets none: "ten days in"
   * would be wrong by then. The time zone is kept only if PostgreSQL knows it (UTC otherwise), so the
   * poller's date arithmetic can never fail on one subscription's zone.
   */
  private async planCheckIn(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>): Promise<void> {
    const subscription = envelope.data;
    const startDate = subscription.startDate.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return;
    if (await tx.rentalCheckIn.findUnique({ where: { subscriptionId: subscription.subscriptionId }, select: { status: true } })) return;
    const { checkInDay } = await this.settings.get(tx);
    await tx.$executeRaw`
      INSERT INTO rental_check_in (subscription_id, customer_id, customer_email, start_date, time_zone, status, correlation_id, updated_at)
      SELECT ${subscription.subscriptionId}, ${subscription.customerId}, ${subscription.customerEmail ?? null}, ${startDate}, zone.name,
             CASE WHEN ((${startDate}::date + ${checkInDay}::int)::timestamp AT TIME ZONE COALESCE(zone.name, 'UTC')) <= ${this.clock.now()}
                  THEN 'expired' ELSE 'scheduled' END,
             ${envelope.correlationid}, now()
      FROM (SELECT (SELECT name FROM pg_timezone_names WHERE name = ${subscription.timeZone ?? 'UTC'}) AS name) AS zone
      ON CONFLICT (subscription_id) DO NOTHING`;
  }

  /** Keeps each rental delivery's status and since when, for the status reminders; an older event never overwrites a newer one. */
  async onShipmentEvent(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.shipmentStatusChanged) || envelope.data.kind !== 'rental') return;
    const delivery = envelope.data;
    const since = new Date(delivery.occurredAt);
    await tx.$executeRaw`
      INSERT INTO rental_delivery (shipment_id, order_id, subscription_id, status, since, correlation_id, updated_at)
      VALUES (${delivery.shipmentId}, ${delivery.orderId}, ${delivery.rental?.subscriptionId ?? null}, ${delivery.status}, ${since}, ${envelope.correlationid}, now())
      ON CONFLICT (shipment_id) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since, correlation_id = EXCLUDED.correlation_id, updated_at = now()
      WHERE rental_delivery.status <> EXCLUDED.status AND rental_delivery.since <= EXCLUDED.since`;
  }
}
