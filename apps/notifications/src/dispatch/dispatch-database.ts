import { Injectable } from '@nestjs/common';
import { PgTransactionPool } from '@oms/outbox';
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
 * Failures, rare, still go through Prisma's models. Ended on shutdown, after the dispatch loop and its rounds have
 * stopped (the scheduler waits for them).
 */
@Injectable()
export class DispatchDatabase extends PgTransactionPool {
  constructor(prisma: PrismaService) {
    super({ connectionString: prisma.databaseUrl, max: CONNECTIONS, name: DispatchDatabase.name, results: 'prisma' });
  }
}
