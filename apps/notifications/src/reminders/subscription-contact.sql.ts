import type { SqlClient } from '@oms/outbox';
import { Prisma } from '../generated/prisma/client';

/** What planning a reminder needs of the subscription read model. */
export interface KnownSubscription {
  status: string;
  pauseFrom: Date | null;
  pauseUntil: Date | null;
  cancelAt: Date | null;
}

/**
 * Keeps the subscription's status, address and time zone. `status` comes only from
 * lifecycle events; a due-order event creates the row as active if the
 * subscription's own events have not arrived yet. An absent or empty field keeps the one known.
 * SQL, not Prisma's upsert: every due-order event passes here (one per cycle), and Prisma's query building
 * was a large share of the service's CPU per cycle in the pipeline benchmark; updated_at as @updatedAt writes it.
 * @returns the row as it now is.
 */
export async function rememberSubscription(tx: SqlClient, subscription: ContactFields): Promise<KnownSubscription> {
  const [known] = await tx.$queryRaw<KnownSubscription[]>`${upsertContact(subscription)}
    RETURNING status, pause_from AS "pauseFrom", pause_until AS "pauseUntil", cancel_at AS "cancelAt"`;
  return known!;
}

/** What a subscription event or a due-order event tells of the subscription read model. */
export interface ContactFields {
  subscriptionId: string;
  customerId: string;
  customerEmail?: string;
  status?: string;
  timeZone?: string;
}

/** rememberSubscription's upsert, without its RETURNING, for statements that go on from the row it leaves. */
export function upsertContact(subscription: ContactFields): Prisma.Sql {
  const status = subscription.status || null;
  return Prisma.sql`
    INSERT INTO subscription_contact (subscription_id, customer_id, customer_email, time_zone, status, updated_at)
    VALUES (${subscription.subscriptionId}, ${subscription.customerId}, ${subscription.customerEmail || null}, ${subscription.timeZone || null},
            ${status ?? 'active'}, ${new Date()})
    ON CONFLICT (subscription_id) DO UPDATE SET
      customer_id = EXCLUDED.customer_id,
      status = COALESCE(${status}::text, subscription_contact.status),
      customer_email = COALESCE(EXCLUDED.customer_email, subscription_contact.customer_email),
      time_zone = COALESCE(EXCLUDED.time_zone, subscription_contact.time_zone),
      updated_at = EXCLUDED.updated_at`;
}
