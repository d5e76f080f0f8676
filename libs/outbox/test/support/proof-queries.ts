import type { PrismaClient } from '../generated/prisma/client';

/** proof_effect rows per event id. */
export async function effectCounts(db: PrismaClient, eventIds: string[]): Promise<Map<string, number>> {
  const rows = await db.proofEffect.groupBy({ by: ['eventId'], where: { eventId: { in: eventIds } }, _count: true });
  return new Map(eventIds.map((id) => [id, rows.find((r) => r.eventId === id)?._count ?? 0]));
}

/** Empties the shared messaging tables so one file's leftovers cannot block another's relay. */
export async function resetProofTables(db: PrismaClient): Promise<void> {
  await db.$executeRaw`TRUNCATE outbox_event, processed_event, proof_effect RESTART IDENTITY`;
}
