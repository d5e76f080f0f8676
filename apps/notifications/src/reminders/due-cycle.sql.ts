import type { SqlClient } from '@oms/outbox';
import { Prisma } from '../generated/prisma/client';
import { remindable, reminderSendAt, type ReminderRequest } from './reminder-schedule';
import type { ContactFields } from './subscription-contact.sql';

/** A due cycle as the read model keeps it: the subscription's contact fields, and its next cycle (none after the last). */
export interface DueCycle {
  /** A due-order event carries no status: a subscription it creates is active, one known keeps its own. */
  subscription: Omit<ContactFields, 'status'>;
  next: ReminderRequest | null;
}

/**
 * Due cycles' effect in one statement, for a whole batch of due-order events as for one (it was two per cycle, then
 * one per cycle): rememberSubscription's upsert of each subscription and, from the rows it leaves (RETURNING), each
 * next cycle's reminder as scheduleReminder plans it without `revive`: none for a subscription known to be stopped,
 * nor for a cycle in a known pause or at or after a pending cancel, nor for one already due at `now`.
 * One INSERT cannot touch a row twice, so a subscription (or a reminder) named by several cycles of the batch is
 * folded first into the row those upserts leave one after another: the last customer, the last address and time zone
 * given, the first reminder with the last address given.
 */
export async function rememberDueCycles(tx: SqlClient, cycles: readonly DueCycle[], now: Date, daysBefore: number): Promise<void> {
  if (cycles.length === 0) return;
  const contacts = foldContacts(cycles.map((cycle) => cycle.subscription));
  const reminders = foldReminders(cycles.flatMap((cycle) => (cycle.next && cycle.next.cycleDueAt.getTime() > now.getTime() ? [cycle.next] : [])));
  const sendAt = reminders.map((r) => reminderSendAt(r.cycleDueAt, daysBefore));
  await tx.$executeRaw`
    WITH contact AS (
      INSERT INTO subscription_contact (subscription_id, customer_id, customer_email, time_zone, status, updated_at)
      SELECT c.subscription_id, c.customer_id, c.customer_email, c.time_zone, 'active', c.updated_at
      FROM unnest(${contacts.map((c) => c.subscriptionId)}::text[], ${contacts.map((c) => c.customerId)}::text[], ${contacts.map((c) => c.customerEmail)}::text[],
        ${contacts.map((c) => c.timeZone)}::text[], ${contacts.map((c) => c.updatedAt)}::timestamptz[]) WITH ORDINALITY
        AS c(subscription_id, customer_id, customer_email, time_zone, updated_at, position)
      ORDER BY c.position
      ON CONFLICT (subscription_id) DO UPDATE SET
        customer_id = EXCLUDED.customer_id,
        customer_email = COALESCE(EXCLUDED.customer_email, subscription_contact.customer_email),
        time_zone = COALESCE(EXCLUDED.time_zone, subscription_contact.time_zone),
        updated_at = EXCLUDED.updated_at
      RETURNING subscription_id, status, pause_from, pause_until, cancel_at
    )
    INSERT INTO reminder (subscription_id, cycle_due_at, send_at, customer_id, customer_email, status, correlation_id, updated_at)
    SELECT r.subscription_id, r.cycle_due_at, r.send_at, r.customer_id, r.customer_email, 'scheduled', r.correlation_id, now()
    FROM unnest(${reminders.map((r) => r.subscriptionId)}::text[], ${reminders.map((r) => r.cycleDueAt)}::timestamptz[], ${sendAt}::timestamptz[],
      ${reminders.map((r) => r.customerId)}::text[], ${reminders.map((r) => r.customerEmail ?? null)}::text[], ${reminders.map((r) => r.correlationId)}::text[])
      WITH ORDINALITY AS r(subscription_id, cycle_due_at, send_at, customer_id, customer_email, correlation_id, position)
    JOIN contact ON contact.subscription_id = r.subscription_id
    WHERE ${remindable(Prisma.sql`r.cycle_due_at`)}
    ORDER BY r.position
    ON CONFLICT (subscription_id, cycle_due_at) DO UPDATE SET
      status = CASE WHEN reminder.status = 'cancelled' THEN 'scheduled' ELSE reminder.status END,
      customer_email = COALESCE(EXCLUDED.customer_email, reminder.customer_email),
      updated_at = now()`;
}

/** The subscription contacts, one per subscription in first-seen order, as their upserts one after another leave them. */
function foldContacts(subscriptions: ReadonlyArray<DueCycle['subscription']>) {
  const folded = new Map<string, { subscriptionId: string; customerId: string; customerEmail: string | null; timeZone: string | null; updatedAt: Date }>();
  for (const s of subscriptions) {
    const before = folded.get(s.subscriptionId);
    // An absent or empty field keeps the one known (`|| null`, as the single upsert takes them).
    folded.set(s.subscriptionId, {
      subscriptionId: s.subscriptionId, customerId: s.customerId, customerEmail: s.customerEmail || before?.customerEmail || null,
      timeZone: s.timeZone || before?.timeZone || null, updatedAt: new Date(),
    });
  }
  return [...folded.values()];
}

/** The reminders, one per (subscription, cycle) in first-seen order: the first planned, with the last address given. */
function foldReminders(requests: readonly ReminderRequest[]): ReminderRequest[] {
  const folded = new Map<string, ReminderRequest>();
  for (const r of requests) {
    const key = `${r.subscriptionId}|${r.cycleDueAt.toISOString()}`;
    const planned = folded.get(key);
    folded.set(key, planned ? { ...planned, customerEmail: r.customerEmail ?? planned.customerEmail } : r);
  }
  return [...folded.values()];
}
