import { Logger } from '@nestjs/common';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import type { ConsumedEvent } from '@oms/kafka';
import { randomUUID } from 'node:crypto';
import { appendManyToOutbox, appendToOutbox, IdempotentConsumer, PgTransactionPool, type SqlClient } from '../src';
import type { Prisma, PrismaClient } from './generated/prisma/client';
import { createProofDatabase, proofDatabaseUrl } from './support/proof-database';
import { effectCounts, resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

// A consumer batch's outbox rows are buffered and written with one INSERT before the commit: against PostgreSQL,
// the rows that exist are exactly those of the events that committed, in the order their effects appended them;
// the same in Prisma's interactive transaction (applyBatch) and in a transaction on pg directly (applyBatchOnPg).
describe.each(['prisma', 'pg'] as const)('buffered outbox writes of a consumer batch (real PostgreSQL, %s transaction)', (transaction) => {
  let db: PrismaClient;
  let pool: PgTransactionPool;
  let consumer: IdempotentConsumer<Prisma.TransactionClient>;
  const apply = (events: ConsumedEvent[], effect: (tx: SqlClient, envelope: EventEnvelope) => Promise<void>) =>
    transaction === 'pg' ? consumer.applyBatchOnPg('buffer-proof', events, effect) : consumer.applyBatch('buffer-proof', events, effect);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = createProofDatabase();
    await resetProofTables(db);
    pool = new PgTransactionPool({ connectionString: proofDatabaseUrl(), max: 2, name: 'buffer-proof' });
    consumer = new IdempotentConsumer<Prisma.TransactionClient>(db, pool);
  });

  afterAll(async () => {
    await pool.end();
    await db.$disconnect();
  });

  const consumed = (envelope: EventEnvelope, offset: number): ConsumedEvent =>
    ({ envelope, context: { topic: 'proof', partition: 0, offset: String(offset), key: envelope.subject, headers: {} } });
  /** The rows each effect appends: two single appends around its own write, then one appendMany of two. */
  const follow = (envelope: EventEnvelope, n: number) => fixtures.orderReleased({ orderId: `${envelope.subject}-${n}` });
  const followUps = new Map<string, EventEnvelope[]>();
  const effectFor = (failing: Set<string>) => async (tx: SqlClient, envelope: EventEnvelope): Promise<void> => {
    const rows = [0, 1, 2, 3].map((n) => follow(envelope, n));
    followUps.set(envelope.id, rows);
    await appendToOutbox(tx, { topic: 'proof.out', envelope: rows[0]! });
    await tx.$executeRaw`INSERT INTO proof_effect (event_id, label) VALUES (${envelope.id}::uuid, ${envelope.subject})`;
    await appendToOutbox(tx, { topic: 'proof.out', envelope: rows[1]! });
    await appendManyToOutbox(tx, [{ topic: 'proof.out', envelope: rows[2]! }, { topic: 'proof.out', envelope: rows[3]! }]);
    if (failing.has(envelope.id)) throw new Error(`poison ${envelope.id}`);
  };
  const outboxIds = async (): Promise<string[]> =>
    (await db.outboxEvent.findMany({ orderBy: { id: 'asc' }, select: { eventId: true } })).map((row) => row.eventId);

  it('writes every committed event\'s rows, in append order, and none of a rolled-back event', async () => {
    const events = ['a', 'b', 'a', 'c'].map((key) => fixtures.orderCreated({ orderId: `${key}-${randomUUID()}` }));
    events[2] = fixtures.orderCreated({ orderId: events[0]!.subject });
    const bad = events[1]!;

    // The whole batch fails once (bad throws), then runs event by event under savepoints: bad alone rolls back.
    const failures = await apply(events.map(consumed), effectFor(new Set([bad.id])));
    expect(failures.map((f) => f.event.envelope.id)).toEqual([bad.id]);

    const committed = events.filter((e) => e !== bad);
    expect(await outboxIds()).toEqual(committed.flatMap((e) => followUps.get(e.id)!.map((row) => row.id)));
    expect(await effectCounts(db, events.map((e) => e.id))).toEqual(new Map(events.map((e) => [e.id, e === bad ? 0 : 1])));

    // A batch that commits whole appends after them, still in order; a redelivered event writes nothing again.
    const next = [fixtures.orderCreated(), fixtures.orderCreated()];
    await expect(apply([...next, events[0]!].map(consumed), effectFor(new Set()))).resolves.toEqual([]);
    expect(await outboxIds()).toEqual([...committed, ...next].flatMap((e) => followUps.get(e.id)!.map((row) => row.id)));
  });
});
