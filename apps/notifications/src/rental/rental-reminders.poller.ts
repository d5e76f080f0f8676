import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { insertMessages, type MessageDraft } from '../messages/message-drafts';
import { anyRentalReminderDue } from './due-rental-reminders.sql';
import { NotificationSettingsService, ruleKey, type StatusReminderRule } from './notification-settings.service';
import { CHECK_IN_EVENT_TYPE, checkInEventId, STATUS_REMINDER_EVENT_TYPE, statusReminderEventId } from './rental-event-id';
import { RENTAL_TEMPLATES, renderCheckIn, renderStatusReminder } from './rental-templates';

/** Check-ins, and deliveries per rule, turned into messages per transaction. */
export const RENTAL_BATCH_SIZE = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

interface DueCheckIn {
  subscription_id: string;
  customer_id: string;
  customer_email: string | null;
  start_date: string;
  correlation_id: string;
}

interface DueDelivery {
  shipment_id: string;
  order_id: string;
  subscription_id: string | null;
  since: Date;
  correlation_id: string | null;
  customer_id: string | null;
  customer_email: string | null;
  order_number: string | null;
  time_zone: string | null;
}

/**
 * The rental emails the business clock triggers, polled like renewal reminders
 * (by the dispatch loop, with the injected clock): the check-in at the start of
 * day startDate + N in the subscription's time zone, and each status reminder
 * rule for deliveries in its status for its days. Rows are claimed with FOR
 * UPDATE SKIP LOCKED so replicas take different ones; the derived event ids
 * keep every email once-only even so.
 * @returns the largest batch handled (a full batch: call again).
 */
@Injectable()
export class RentalRemindersPoller {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: NotificationSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async queueDue(): Promise<number> {
    const now = this.clock.now();
    const settings = await this.settings.get();
    if (!(await anyRentalReminderDue(this.prisma, now, settings.checkInDay, settings.statusReminders))) return 0;
    let largest = await this.prisma.$transaction((tx) => this.queueCheckIns(tx, now, settings.checkInDay));
    for (const rule of settings.statusReminders) {
      const count = await this.prisma.$transaction((tx) => this.queueStatusReminders(tx, now, rule, settings.storeManagerEmail));
      largest = Math.max(largest, count);
    }
    return largest;
  }

  private async queueCheckIns(tx: Prisma.TransactionClient, now: Date, day: number): Promise<number> {
    const due = await tx.$queryRaw<DueCheckIn[]>`
      SELECT c.subscription_id, c.customer_id, c.start_date, c.correlation_id, COALESCE(s.customer_email, c.customer_email) AS customer_email
      FROM rental_check_in c LEFT JOIN subscription_contact s ON s.subscription_id = c.subscription_id
      WHERE c.status = 'scheduled'
        AND ((c.start_date::date + ${day}::int)::timestamp AT TIME ZONE COALESCE(c.time_zone, 'UTC')) <= ${now}
      ORDER BY c.start_date
      LIMIT ${RENTAL_BATCH_SIZE}
      FOR UPDATE OF c SKIP LOCKED`;
    if (due.length === 0) return 0;
    await insertMessages(tx, due.map((c): MessageDraft => ({
      eventId: checkInEventId(c.subscription_id), eventType: CHECK_IN_EVENT_TYPE, correlationId: c.correlation_id,
      template: RENTAL_TEMPLATES.rentalCheckIn, recipient: c.customer_email, customerId: c.customer_id, subscriptionId: c.subscription_id,
      mail: renderCheckIn({ subscriptionId: c.subscription_id, startDate: c.start_date, day }),
    })), now);
    await tx.rentalCheckIn.updateMany({ where: { subscriptionId: { in: due.map((c) => c.subscription_id) } }, data: { status: 'queued' } });
    return due.length;
  }

  private async queueStatusReminders(tx: Prisma.TransactionClient, now: Date, rule: StatusReminderRule, storeManagerEmail: string | null): Promise<number> {
    const key = ruleKey(rule);
    const due = await tx.$queryRaw<DueDelivery[]>`
      SELECT d.shipment_id, d.order_id, d.subscription_id, d.since, d.correlation_id, o.order_number, s.time_zone,
             COALESCE(s.customer_id, o.customer_id) AS customer_id, COALESCE(s.customer_email, o.customer_email) AS customer_email
      FROM rental_delivery d
      LEFT JOIN subscription_contact s ON s.subscription_id = d.subscription_id
      LEFT JOIN order_contact o ON o.order_id = d.order_id
      WHERE d.status = ${rule.status} AND d.since <= ${new Date(now.getTime() - rule.afterDays * DAY_MS)}
        AND NOT EXISTS (SELECT 1 FROM rental_status_reminder r WHERE r.rule_key = ${key} AND r.shipment_id = d.shipment_id)
      ORDER BY d.since
      LIMIT ${RENTAL_BATCH_SIZE}
      FOR UPDATE OF d SKIP LOCKED`;
    if (due.length === 0) return 0;
    await tx.rentalStatusReminder.createMany({ skipDuplicates: true, data: due.map((d) => ({ ruleKey: key, shipmentId: d.shipment_id })) });
    await insertMessages(tx, due.map((d): MessageDraft => ({
      eventId: statusReminderEventId(key, d.shipment_id), eventType: STATUS_REMINDER_EVENT_TYPE,
      correlationId: d.correlation_id ?? statusReminderEventId(key, d.shipment_id), // null only for rows older than the column
      template: RENTAL_TEMPLATES.rentalStatusReminder, recipient: rule.to === 'customer' ? d.customer_email : storeManagerEmail, audience: rule.to,
      customerId: d.customer_id, orderId: d.order_id, subscriptionId: d.subscription_id,
      mail: renderStatusReminder({
        shipmentId: d.shipment_id, orderNumber: d.order_number, subscriptionId: d.subscription_id, status: rule.status, since: d.since,
        afterDays: rule.afterDays, timeZone: d.time_zone, audience: rule.to,
      }),
    })), now);
    return due.length;
  }
}
