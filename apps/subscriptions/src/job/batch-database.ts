import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PgTransactionPool, type SqlClient } from '@oms/outbox';
import { PrismaService } from '../database/prisma.service';

/**
 * Transactions of the subscription-order job on pg connections of its own: its statements are
 * all SQL over large arrays (500 outbox payloads, ledger rows, watermarks), which Prisma's raw
 * queries serialize to JSON and compile, most of the job's CPU (bench:job profile). A connection
 * per batch a run keeps in flight (JOB_PARALLEL_BATCHES), twice over for a second run in this
 * process (the timer's and a manual one).
 */
@Injectable()
export class BatchDatabase implements OnApplicationShutdown {
  private readonly pool: PgTransactionPool;

  constructor(prisma: PrismaService, config: ConfigService) {
    const max = 2 * config.getOrThrow<number>('JOB_PARALLEL_BATCHES');
    this.pool = new PgTransactionPool({ connectionString: prisma.databaseUrl, max, name: BatchDatabase.name });
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(work: (tx: SqlClient) => Promise<R>): Promise<R> {
    return this.pool.transaction(work);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
