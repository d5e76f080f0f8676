import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PgTransactionPool, type PgSqlClient } from '@oms/outbox';
import { PrismaService } from '../database/prisma.service';

/**
 * A claim (one at a time: the dispatch loop's rounds never overlap) and the outcomes of the rounds still recording;
 * small rounds can record more at once than ROUNDS_IN_FLIGHT, and their short transactions then wait their turn.
 */
const CONNECTIONS = 4;

/**
 * The dispatcher's statements (the claim, a round's outcome and its events) on pg connections of their own.
 * Through Prisma's raw queries each one serialised its arrays of ids to JSON and mapped every claimed row back, per
 * round: 6-8% of the notifications service's CPU in bench:pipeline's profile, for two statements a round.
 * Rows come back as Prisma's `$queryRaw` returns them, so the claimed messages keep Prisma's Message type.
 * Failures, rare, still go through Prisma's models.
 */
@Injectable()
export class DispatchDatabase implements OnApplicationShutdown {
  private readonly pool: PgTransactionPool;

  constructor(prisma: PrismaService) {
    this.pool = new PgTransactionPool({ connectionString: prisma.databaseUrl, max: CONNECTIONS, name: DispatchDatabase.name, results: 'prisma' });
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(work: (tx: PgSqlClient) => Promise<R>): Promise<R> {
    return this.pool.transaction(work);
  }

  /** Runs `work` on a connection outside a transaction block: each of its statements commits on its own. */
  statements<R>(work: (db: PgSqlClient) => Promise<R>): Promise<R> {
    return this.pool.statements(work);
  }

  /** After the dispatch loop and its rounds have stopped (the scheduler waits for them before shutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
