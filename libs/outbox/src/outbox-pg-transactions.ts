import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { OUTBOX_DATABASE } from './outbox.constants';
import type { PgSqlClient } from './pg-sql-client';
import { PgTransactionPool } from './pg-transaction-pool';
import type { TransactionalDatabase, TransactionRunner } from './sql-client.types';

/**
 * Connections for the service's batches that are all SQL (`@IdempotentListener(..., { transaction: 'pg' })`,
 * the relay): as many as batches run at once (partitions concurrently, the relay), fewer than Prisma's 20.
 */
const POOL_SIZE = 10;

/**
 * The service's database on pg directly, for transactions that need no Prisma model API: one pool,
 * opened on first use from `OUTBOX_DATABASE.databaseUrl`, closed on shutdown (after the consumers
 * and the relay finished their batches).
 */
@Injectable()
export class OutboxPgTransactions implements TransactionRunner<PgSqlClient>, OnApplicationShutdown {
  private pool?: PgTransactionPool;

  constructor(@Inject(OUTBOX_DATABASE) private readonly db: TransactionalDatabase) {}

  /** Whether the database told us where it is (every service's PrismaService does). */
  get available(): boolean {
    return this.db.databaseUrl !== undefined;
  }

  transaction<R>(work: (tx: PgSqlClient) => Promise<R>): Promise<R> {
    return this.open().transaction(work);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }

  private open(): PgTransactionPool {
    if (this.pool) return this.pool;
    const connectionString = this.db.databaseUrl;
    if (connectionString === undefined) throw new Error('pg transactions need OUTBOX_DATABASE to have a databaseUrl (PrismaService has one)');
    // Rows as Prisma returns them: an effect's SQL and its callers read the same as in a Prisma transaction.
    // Generic plans: the consumers' statements look rows up by key, and the orders service's new-order context
    // (a dozen subqueries) was planned again on every run, 0.85 of its 1.0 ms (pg_stat_statements, bench:pipeline).
    this.pool = new PgTransactionPool({ connectionString, max: POOL_SIZE, name: OutboxPgTransactions.name, results: 'prisma', genericPlans: true });
    return this.pool;
  }
}
