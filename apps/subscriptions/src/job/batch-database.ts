import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlClient } from '@oms/outbox';
import { Pool, type PoolClient } from 'pg';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

/** PostgreSQL ends a batch's transaction that waits on this process longer than this (Prisma's transaction timeout did before). */
const TRANSACTION_TIMEOUT = '120s';

/** The raw-SQL surface over one pg connection: the same tagged templates (and Prisma.sql fragments) as Prisma's. */
class PgSqlClient implements SqlClient {
  constructor(private readonly client: PoolClient) {}

  async $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    const sql = Prisma.sql(query, ...values);
    return (await this.client.query(sql.text, sql.values)).rowCount ?? 0;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.client.query(query, values)).rowCount ?? 0;
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    const sql = Prisma.sql(query, ...values);
    return (await this.client.query(sql.text, sql.values)).rows as T;
  }
}

/**
 * Transactions of the subscription-order job on pg connections of its own. Prisma's raw queries
 * serialize every parameter to JSON and run it through its query compiler: for a batch's arrays
 * (500 outbox payloads, ledger rows, watermarks) that was most of the job's CPU (bench:job profile).
 * The job's statements are all SQL, so they go to the driver directly; two connections: one run's
 * batch, and a concurrent run or replica's.
 */
@Injectable()
export class BatchDatabase implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(prisma: PrismaService) {
    this.pool = new Pool({ connectionString: prisma.databaseUrl, max: 2 });
    // An idle connection the server closes must not crash the service; the next batch opens another.
    this.pool.on('error', (error) => new Logger(BatchDatabase.name).warn(`idle job connection lost: ${error.message}`));
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<R>(work: (tx: SqlClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SET LOCAL idle_in_transaction_session_timeout = '${TRANSACTION_TIMEOUT}'`);
      const result = await work(new PgSqlClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError; });
      throw error;
    } finally {
      client.release(broken); // a connection that cannot roll back is discarded, not reused
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
