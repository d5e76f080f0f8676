import { Prisma } from '../generated/prisma/client';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the reminder of the cycle due at `cycleDueAt` goes out: `daysBefore` whole days ahead. */
export function reminderSendAt(cycleDueAt: Date, daysBefore: number): Date {
  return new Date(cycleDueAt.getTime() - daysBefore * DAY_MS);
}

/** Subscription states in which no renewal is coming, so no reminder may go out. */
export const STOPPED_STATUSES: readonly string[] = ['paused', 'cancelled', 'ended'];

export interface ReminderRequest {
  subscriptionId: string;
  customerId: string;
  customerEmail?: string;
  cycleDueAt: Date;
  correlationId: string;
}

/**
 * Plans the reminder of one cycle, `daysBefore` days ahead of its due time.
 * Nothing for a cycle already due, for a subscription known to be stopped (a
 * due-order event handled after the cancellation), for a cycle in a known pause
 * or at or after a pending period-end cancel. Unique per (subscription, cycle):
 * planning it again changes nothing, except that a reminder cancelled by a pause
 * is planned again when the subscription resumes, and a withdrawn one (its cycle
 * skipped or moved) only when `revive` is set: by a subscription event naming
 * that cycle, never by a due-order event that may be older than the skip.
 */
export async function scheduleReminder(
  tx: Prisma.TransactionClient, request: ReminderRequest, now: Date, daysBefore: number, options: { revive?: boolean } = {},
): Promise<void> {
  if (request.cycleDueAt.getTime() <= now.getTime()) return;
  const contact = await tx.subscriptionContact.findUnique({ where: { subscriptionId: request.subscriptionId } });
  if (contact && (STOPPED_STATUSES.includes(contact.status) || excludes(contact, request.cycleDueAt))) return;
  await tx.$executeRaw`${reminderUpsert(request, daysBefore, options.revive ?? false, Prisma.empty)}`;
}

/**
 * scheduleReminder's statement: the reminder inserted (`source`: the rest of its SELECT, FROM and WHERE, to
 * insert it only where a row qualifies; empty: always), or, planned already, revived and readdressed.
 */
export function reminderUpsert(request: ReminderRequest, daysBefore: number, revive: boolean, source: Prisma.Sql): Prisma.Sql {
  const sendAt = reminderSendAt(request.cycleDueAt, daysBefore);
  const revived = revive ? ['cancelled', 'withdrawn'] : ['cancelled'];
  return Prisma.sql`
    INSERT INTO reminder (subscription_id, cycle_due_at, send_at, customer_id, customer_email, status, correlation_id, updated_at)
    SELECT ${request.subscriptionId}::text, ${request.cycleDueAt}::timestamptz, ${sendAt}::timestamptz, ${request.customerId}::text,
           ${request.customerEmail ?? null}::text, 'scheduled', ${request.correlationId}::text, now() ${source}
    ON CONFLICT (subscription_id, cycle_due_at) DO UPDATE SET
      status = CASE WHEN reminder.status = ANY(${revived}::text[]) THEN 'scheduled' ELSE reminder.status END,
      customer_email = COALESCE(EXCLUDED.customer_email, reminder.customer_email),
      updated_at = now()`;
}

/**
 * In SQL, over a row with subscription_contact's status, pause_from, pause_until and cancel_at: the subscription may
 * be reminded of the cycle due at `dueAt` (a time, or a column of it; not stopped, and neither {@link excludes} says no; keep the three alike).
 */
export function remindable(dueAt: Date | Prisma.Sql): Prisma.Sql {
  return Prisma.sql`status <> ALL(${STOPPED_STATUSES}::text[])
    AND NOT (cancel_at IS NOT NULL AND ${dueAt}::timestamptz >= cancel_at)
    AND NOT (pause_from IS NOT NULL AND ${dueAt}::timestamptz >= pause_from AND (pause_until IS NULL OR ${dueAt}::timestamptz < pause_until))`;
}

/**
 * No reminder for this cycle: it was skipped, moved away or falls after a pending
 * cancel. A row is kept (inserted when none exists) so that a due-order event
 * handled later does not plan it again; one already queued or expired stays so.
 */
export async function withdrawReminder(tx: Prisma.TransactionClient, request: ReminderRequest, daysBefore: number): Promise<void> {
  const sendAt = reminderSendAt(request.cycleDueAt, daysBefore);
  await tx.$executeRaw`
    INSERT INTO reminder (subscription_id, cycle_due_at, send_at, customer_id, customer_email, status, correlation_id, updated_at)
    VALUES (${request.subscriptionId}, ${request.cycleDueAt}, ${sendAt}, ${request.customerId}, ${request.customerEmail ?? null}, 'withdrawn', ${request.correlationId}, now())
    ON CONFLICT (subscription_id, cycle_due_at) DO UPDATE SET
      status = CASE WHEN reminder.status IN ('scheduled', 'cancelled') THEN 'withdrawn' ELSE reminder.status END,
      updated_at = now()`;
}

/** Reminders not yet queued of cycles due in [from, until) (until open when null) get `status`. */
export async function dropRemindersBetween(
  tx: Prisma.TransactionClient, subscriptionId: string, from: Date, until: Date | null, status: 'cancelled' | 'withdrawn',
): Promise<number> {
  const { count } = await tx.reminder.updateMany({
    where: { subscriptionId, status: { in: ['scheduled', 'cancelled'] }, cycleDueAt: { gte: from, ...(until && { lt: until }) } },
    data: { status },
  });
  return count;
}

/** True when a known pause or pending cancel leaves the cycle due at `dueAt` unordered. */
function excludes(contact: { pauseFrom: Date | null; pauseUntil: Date | null; cancelAt: Date | null }, dueAt: Date): boolean {
  if (contact.cancelAt && dueAt >= contact.cancelAt) return true;
  return contact.pauseFrom !== null && dueAt >= contact.pauseFrom && (contact.pauseUntil === null || dueAt < contact.pauseUntil);
}

/** A paused, cancelled or ended subscription: reminders not yet queued are dropped. */
export async function cancelReminders(tx: Prisma.TransactionClient, subscriptionId: string): Promise<number> {
  const { count } = await tx.reminder.updateMany({ where: { subscriptionId, status: 'scheduled' }, data: { status: 'cancelled' } });
  return count;
}
