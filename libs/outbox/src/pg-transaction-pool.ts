import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { PgSqlClient } from './pg-sql-client';
import { PreparingPgClient } from './preparing-pg.client';
import { prismaResultTypes } from './prisma-result-types';

/** How a {@link PgTransactionPool} connects. */
export interface PgTransactionPoolOptions {
  /** The service's database (its PrismaService's `databaseUrl`). */
  connectionString: string;
  /** Connections kept at most; a transaction waits for a free one. */
  max: number;
  /** Named in the warning when an idle connection is lost. */
  name: string;
  /**
   * PostgreSQL ends a transaction whose connection sits idle this long waiting on this process (a hung
   * effect), as Prisma's interactive-transaction timeout did; a PostgreSQL interval, e.g. `'120s'`.
   */
  idleTimeout?: string;
  /**
   * `'prisma'`: rows come back as Prisma's `$queryRaw` returns them (int8 BigInt, numeric Decimal, UTC
   * dates), so SQL moved from a Prisma transaction reads the same; `'pg'` (default): pg's own parsing.
   */
  results?: 'pg' | 'prisma';
  /**
   * true: every statement with parameters is planned for any parameters (`plan_cache_mode =
   * force_generic_plan`), so a named (prepared) one is planned once per connection. PostgreSQL otherwise
   * re-plans a statement for its parameters whenever such a plan looks cheaper, which for a statement of many
   * subqueries cost more than running it. Set through the connection's options: a `DATABASE_URL` with an
   * `options` parameter of its own would replace it.
   */
  genericPlans?: boolean;
}

/**
 * Transactions on pg connections of their own, for work that is all SQL. Prisma's raw queries
 * serialize every parameter to JSON and run it through its query compiler and transaction manager:
 * on hot paths that was most of the CPU (bench:job and bench:pipeline profiles). The statements
 * are the same tagged templates, run by {@link PgSqlClient}.
 *
 * A service's own pool is an injectable subclass that passes its options to `super`: Nest then ends it on shutdown,
 * after the work that uses it (consumers, the job, the dispatcher) has stopped.
 */
export class PgTransactionPool implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly begin: string;

  constructor(options: PgTransactionPoolOptions) {
    const types = options.results === 'prisma' ? prismaResultTypes : undefined;
    this.pool = new Pool({
      connectionString: options.connectionString, max: options.max, types, Client: PreparingPgClient,
      ...(options.genericPlans && { options: '-c plan_cache_mode=force_generic_plan' }),
    });
    // An idle connection the server closes must not crash the service; the next transaction opens another.
    this.pool.on('error', (error) => new Logger(options.name).warn(`idle pg connection lost: ${error.message}`));
    const timeout = options.idleTimeout ?? '120s';
    if (!/^\d+(ms|s|min)?$/.test(timeout)) throw new Error(`idleTimeout must be a PostgreSQL interval like '120s', got '${timeout}'`);
    this.begin = `BEGIN; SET LOCAL idle_in_transaction_session_timeout = '${timeout}'`;
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(work: (tx: PgSqlClient) => Promise<R>): Promise<R> {
    return this.onConnection(async (client, discard) => {
      try {
        await client.query(this.begin);
        const result = await work(new PgSqlClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot roll back is discarded, not reused.
        await client.query('ROLLBACK').catch(discard);
        throw error;
      }
    });
  }

  /**
   * Runs `work` on a pooled connection outside a transaction block, so each of its statements commits on its own:
   * for a lone statement one round trip, where {@link transaction} takes three (BEGIN, the statement, COMMIT).
   */
  statements<R>(work: (db: PgSqlClient) => Promise<R>): Promise<R> {
    return this.onConnection((client) => work(new PgSqlClient(client)));
  }

  /**
   * Runs `use` on a checked-out connection and gives the connection back, or discards it when it was lost or `use`
   * called `discard`. The server closing a checked-out connection (the idle timeout) emits 'error' on it, which would
   * crash the process unheard; the pending or next statement fails instead, and the connection is discarded.
   */
  private async onConnection<R>(use: (client: PoolClient, discard: (error: Error) => void) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const discard = (error: Error) => {
      broken = error;
    };
    client.on('error', discard);
    try {
      return await use(client, discard);
    } finally {
      client.off('error', discard);
      client.release(broken);
    }
  }

  /** Closes every connection; call once, on application shutdown. */
  async end(): Promise<void> {
    await this.pool.end();
  }

  /** Called by Nest when the pool is a provider (a subclass); a pool held inside another object is ended by its owner. */
  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
