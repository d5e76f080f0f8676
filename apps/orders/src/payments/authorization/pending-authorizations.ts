import { Injectable } from '@nestjs/common';
import type { DunningFinalAction } from '@oms/contracts';
import type { PendingAuthorization, Prisma } from '../../generated/prisma/client';

/** How long a new order's own caller has to ask the provider before the sweep may (it asks right after commit). */
export const PENDING_GRACE_MS = 5_000;
/** A claimed row is not claimed again for this long: long enough for a slow provider to answer. */
export const PENDING_LEASE_MS = 60_000;

/** A subscription cycle's time zone and own final action, for its dunning ladder should the authorization fail. */
export interface DunningTerms {
  timeZone: string | null;
  dunningFinalAction: DunningFinalAction | null;
}

/**
 * The authorizations orders wait for: a row is written with the order, in
 * its transaction (attempt 1, the sweep's grace from its creation:
 * new-order-rows.sql), and removed in the transaction that records the
 * provider's answer. A row still there after the grace (a crash between the
 * two) is claimed by the sweep, one lease at a time, so replicas do not ask
 * for the same one together; if they did, the attempt's idempotency key
 * makes the provider answer both the same.
 */
@Injectable()
export class PendingAuthorizations {
  find(db: Prisma.TransactionClient, orderId: string): Promise<PendingAuthorization | null> {
    return db.pendingAuthorization.findUnique({ where: { orderId } });
  }

  /** Done with it (answered, or taken over by a retry); false when another caller was first. */
  async remove(tx: Prisma.TransactionClient, orderId: string): Promise<boolean> {
    return (await tx.pendingAuthorization.deleteMany({ where: { orderId } })).count > 0;
  }

  /** Up to `limit` rows due at `now`, oldest first, each leased until now + {@link PENDING_LEASE_MS}. */
  async claimDue(db: Prisma.TransactionClient, now: Date, limit: number): Promise<string[]> {
    const leasedUntil = new Date(now.getTime() + PENDING_LEASE_MS);
    const rows = await db.$queryRaw<{ orderId: string }[]>`
      UPDATE pending_authorization SET sweep_after = ${leasedUntil}
      WHERE order_id IN (SELECT order_id FROM pending_authorization WHERE sweep_after <= ${now} ORDER BY sweep_after LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING order_id::text AS "orderId"`;
    return rows.map((r) => r.orderId);
  }
}
