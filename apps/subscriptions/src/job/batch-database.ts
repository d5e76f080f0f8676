import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PgTransactionPool } from '@oms/outbox';
import { PrismaService } from '../database/prisma.service';

/**
 * Transactions of the subscription-order job on pg connections of their own: its statements are
 * all SQL over large arrays (500 outbox payloads, ledger rows, watermarks), which Prisma's raw
 * queries serialize to JSON and compile, most of the job's CPU (bench:job profile). A connection
 * per batch a run keeps in flight (JOB_PARALLEL_BATCHES), twice over for a second run in this
 * process (the timer's and a manual one). Ended on shutdown.
 */
@Injectable()
export class BatchDatabase extends PgTransactionPool {
  constructor(prisma: PrismaService, config: ConfigService) {
    super({ connectionString: prisma.databaseUrl, max: 2 * config.getOrThrow<number>('JOB_PARALLEL_BATCHES'), name: BatchDatabase.name });
  }
}
