import type { Prisma } from '../generated/prisma/client';

const DAY_MS = 24 * 60 * 60 * 1000;

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
 * Nothing for a cycle already due or a subscription known to be stopped (a
 * due-order event handled after the cancellation). Unique per (subscription,
 * cycle): planning it again changes nothing, except that a reminder cancelled
 * by a pause is planned again when the subscription resumes.
 */
export async function scheduleReminder(tx: Prisma.TransactionClient, request: ReminderRequest, now: Date, daysBefore: number): Promise<void> {
  if (request.cycleDueAt.getTime() <= now.getTime()) return;
  const contact = await tx.subscriptionContact.findUnique({ where: { subscriptionId: request.subscriptionId } });
  if (contact && STOPPED_STATUSES.includes(contact.status)) return;
  const sendAt = new Date(request.cycleDueAt.getTime() - daysBefore * DAY_MS);
  const email = request.customerEmail ?? null;
  await tx.$executeRaw`
    INSERT INTO reminder (subscription_id, cycle_due_at, send_at, customer_id, customer_email, status, correlation_id, updated_at)
    VALUES (${request.subscriptionId}, ${request.cycleDueAt}, ${sendAt}, ${request.customerId}, ${email}, 'scheduled', ${request.correlationId}, now())
    ON CONFLICT (subscription_id, cycle_due_at) DO UPDATE SET
      status = CASE WHEN reminder.status = 'cancelled' THEN 'scheduled' ELSE reminder.status END,
      customer_email = COALESCE(EXCLUDED.customer_email, reminder.customer_email),
      updated_at = now()`;
}

/** A paused, cancelled or ended subscription: reminders not yet queued are dropped. */
export async function cancelReminders(tx: Prisma.TransactionClient, subscriptionId: string): Promise<number> {
  const { count } = await tx.reminder.updateMany({ where: { subscriptionId, status: 'scheduled' }, data: { status: 'cancelled' } });
  return count;
}

/**
 * Keeps the subscription's status, address and time zone. `status` comes only from
 * lifecycle events; a due-order event creates the row as active if the
 * subscription's own events have not arrived yet.
 */
export async function rememberSubscription(
  tx: Prisma.TransactionClient,
  subscription: { subscriptionId: string; customerId: string; customerEmail?: string; status?: string; timeZone?: string },
): Promise<void> {
  const email = {
    ...(subscription.customerEmail && { customerEmail: subscription.customerEmail }),
    ...(subscription.timeZone && { timeZone: subscription.timeZone }),
  };
  await tx.subscriptionContact.upsert({
    where: { subscriptionId: subscription.subscriptionId },
    create: { subscriptionId: subscription.subscriptionId, customerId: subscription.customerId, status: subscription.status ?? 'active', ...email },
    update: { customerId: subscription.customerId, ...(subscription.status && { status: subscription.status }), ...email },
  });
}
