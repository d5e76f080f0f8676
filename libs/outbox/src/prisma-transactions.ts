import type { SqlClient, TransactionalDatabase, TransactionRunner } from './sql-client.types';

/** A {@link TransactionRunner} over a Prisma client's interactive `$transaction`, with the caller's limits. */
export function prismaTransactions<Tx extends SqlClient>(db: TransactionalDatabase<Tx>, limits: { timeout: number; maxWait?: number }): TransactionRunner<Tx> {
  return { transaction: (work) => db.$transaction(work, limits) };
}
