import { Prisma } from '../generated/prisma/client';

/** How long the run's last pass waits for due rows another transaction holds. */
export const LOCKED_ROW_WAIT = '5s';

/**
 * Claims up to `size` active or paused subscriptions whose next cycle is due, oldest first, locking
 * them for the batch's transaction. By default rows another transaction holds are skipped (SKIP
 * LOCKED: concurrent runs and replicas take different rows); with `waitForLocked` they are waited
 * for, up to LOCKED_ROW_WAIT, after which PostgreSQL raises a lock timeout.
 */
export async function claimDue(
  tx: Prisma.TransactionClient, asOf: Date, size: number, exclude: string[], waitForLocked: boolean,
): Promise<{ id: string }[]> {
  if (waitForLocked) await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCKED_ROW_WAIT}'`);
  const lock = waitForLocked ? Prisma.sql`FOR UPDATE` : Prisma.sql`FOR UPDATE SKIP LOCKED`;
  return tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subscription
    WHERE status IN ('active', 'paused') AND next_due_at <= ${asOf} AND NOT (id = ANY(${exclude}::uuid[]))
    ORDER BY next_due_at, id
    LIMIT ${size}
    ${lock}`;
}
