import type { Prisma } from '../generated/prisma/client';

/**
 * Whether any renewal reminder's send time has come: one statement, outside a transaction, that lets the
 * dispatch round skip the claiming transaction (three statements) when none has, which is nearly every
 * round. The condition is ReminderPoller's claim query's; a row becoming due just after waits one round.
 */
export async function anyReminderDue(db: Prisma.TransactionClient, now: Date): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ due: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM reminder WHERE status = 'scheduled' AND send_at <= ${now}) AS due`;
  return row?.due ?? false;
}
