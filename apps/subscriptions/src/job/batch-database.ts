import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PgTransactionPool, type SqlClient } from '@oms/outbox';
import { PrismaService } from '../database/prisma.service';

/**
 * Transactions of the subscription-order job on pg connections of its own: its statements are
 * all SQL over large arrays (500 outbox payloads, ledger rows, watermarks), which Prisma's raw
 * queries serialize to JSON and compile, most of the job's CPU (bench:job profile). Two
 * connections: one run's batch, and a concurrent run or replica's.
 */
@Injectable()
export class BatchDatabase implements OnApplicationShutdown {
  private readonly pool: PgTransactionPool;

  constructor(prisma: PrismaService) {
    this.pool = new PgTransactionPool({ connectionString: prisma.databaseUrl, max: 2, name: BatchDatabase.name });
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(work: (tx: SqlClient) => Promise<R>): Promise<R> {
    return this.pool.transaction(work);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
