import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { insertMessages, type MessageDraft } from '../messages/message-drafts';
import { anyReminderDue } from './due-reminders.sql';
import { renderRenewalReminder } from '../templates/renewal-reminder.template';
import { TEMPLATES } from '../templates/template.types';
import { REMINDER_EVENT_TYPE, reminderEventId } from './reminder-event-id';

/** Reminders turned into messages per transaction. */
export const REMINDER_BATCH_SIZE = 100;

interface DueReminder {
  subscription_id: string;
  cycle_due_at: Date;
  customer_id: string;
  customer_email: string | null;
  correlation_id: string;
  time_zone: string | null;
}

/**
 * Turns reminders whose send time has come (by the injected clock) into pending
 * renewal-reminder messages, one batch per call. Rows are claimed with FOR
 * UPDATE SKIP LOCKED, so replicas polling at once take different reminders; the
 * message's derived event id keeps it once-only even so. A reminder whose cycle
 * is already due (the service was down past it) expires instead: too late to help.
 * @returns reminders handled.
 */
@Injectable()
export class ReminderPoller {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async queueDue(): Promise<number> {
    const now = this.clock.now();
    if (!(await anyReminderDue(this.prisma, now))) return 0;
    return this.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<DueReminder[]>`
        SELECT r.subscription_id, r.cycle_due_at, r.customer_id, r.correlation_id,
               COALESCE(r.customer_email, c.customer_email) AS customer_email, c.time_zone
        FROM reminder r LEFT JOIN subscription_contact c ON c.subscription_id = r.subscription_id
        WHERE r.status = 'scheduled' AND r.send_at <= ${now}
        ORDER BY r.send_at
        LIMIT ${REMINDER_BATCH_SIZE}
        FOR UPDATE OF r SKIP LOCKED`;
      if (due.length === 0) return 0;
      const live = due.filter((r) => r.cycle_due_at.getTime() > now.getTime());
      await insertMessages(tx, live.map(toDraft), now);
      const statuses = due.map((r) => (live.includes(r) ? 'queued' : 'expired'));
      await tx.$executeRaw`
        UPDATE reminder AS r SET status = v.status, updated_at = now()
        FROM unnest(${due.map((r) => r.subscription_id)}::text[], ${due.map((r) => r.cycle_due_at)}::timestamptz[], ${statuses}::text[])
          AS v(subscription_id, cycle_due_at, status)
        WHERE r.subscription_id = v.subscription_id AND r.cycle_due_at = v.cycle_due_at`;
      return due.length;
    });
  }
}

function toDraft(reminder: DueReminder): MessageDraft {
  return {
    eventId: reminderEventId(reminder.subscription_id, reminder.cycle_due_at),
    eventType: REMINDER_EVENT_TYPE,
    correlationId: reminder.correlation_id,
    template: TEMPLATES.renewalReminder,
    recipient: reminder.customer_email,
    customerId: reminder.customer_id,
    subscriptionId: reminder.subscription_id,
    mail: renderRenewalReminder({ subscriptionId: reminder.subscription_id, dueAt: reminder.cycle_due_at, timeZone: reminder.time_zone }),
  };
}
