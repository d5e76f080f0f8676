import type { SqlClient } from '@oms/outbox';
import { Prisma } from '../generated/prisma/client';
import { remindable, reminderUpsert, type ReminderRequest } from './reminder-schedule';
import { rememberSubscription, upsertContact, type ContactFields } from './subscription-contact.sql';

/**
 * A due cycle's effect in one statement (it was two per cycle): rememberSubscription's upsert and, from the row
 * it leaves (RETURNING, as `known` was), the next cycle's reminder as scheduleReminder plans it without
 * `revive`: none for a subscription known to be stopped, nor for a cycle in a known pause or at or after a
 * pending cancel. Without a next cycle, or with one already due, only the upsert.
 */
export async function rememberDueCycle(
  tx: SqlClient, subscription: ContactFields, next: ReminderRequest | null, now: Date, daysBefore: number,
): Promise<void> {
  if (!next || next.cycleDueAt.getTime() <= now.getTime()) {
    await rememberSubscription(tx, subscription);
    return;
  }
  const source = Prisma.sql`FROM contact WHERE ${remindable(next.cycleDueAt)}`;
  await tx.$executeRaw`
    WITH contact AS (${upsertContact(subscription)} RETURNING status, pause_from, pause_until, cancel_at)
    ${reminderUpsert(next, daysBefore, false, source)}`;
}
