import type { Prisma } from '../generated/prisma/client';
import { ruleKey, type StatusReminderRule } from './notification-settings.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether any rental check-in or status reminder is due: one statement, outside a transaction, that lets
 * the dispatch round skip the claiming transactions (three statements each, one for the check-ins and one
 * per rule) when nothing is due, which is nearly every round. The conditions are RentalRemindersPoller's
 * claim queries' (FOR UPDATE SKIP LOCKED there, none here); a row becoming due just after waits one round.
 */
export async function anyRentalReminderDue(db: Prisma.TransactionClient, now: Date, checkInDay: number, rules: readonly StatusReminderRule[]): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ due: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM rental_check_in c
      WHERE c.status = 'scheduled' AND ((c.start_date::date + ${checkInDay}::int)::timestamp AT TIME ZONE COALESCE(c.time_zone, 'UTC')) <= ${now}
    ) OR EXISTS (
      SELECT 1 FROM rental_delivery d
      JOIN unnest(${rules.map((rule) => rule.status)}::text[], ${rules.map((rule) => new Date(now.getTime() - rule.afterDays * DAY_MS))}::timestamptz[],
                  ${rules.map(ruleKey)}::text[]) AS rule(status, since, rule_key)
        ON d.status = rule.status AND d.since <= rule.since
      WHERE NOT EXISTS (SELECT 1 FROM rental_status_reminder r WHERE r.rule_key = rule.rule_key AND r.shipment_id = d.shipment_id)
    ) AS due`;
  return row?.due ?? false;
}
