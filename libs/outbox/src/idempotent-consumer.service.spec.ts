import { Logger } from '@nestjs/common';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import type { ConsumedEvent } from '@oms/kafka';
import { FakeDatabase, outboxRowsOf, type RecordedStatement } from './fake-database.spec-helper';
import { appendToOutbox } from './append-to-outbox.util';
import type { BatchEvent } from './batch-effect.decorator';
import { IdempotentConsumer } from './idempotent-consumer.service';
import type { SqlClient } from './sql-client.types';

/** Answers the processed_event insert with every id it was given, except `known` ones (already processed). */
const marks = (known: string[] = []) => (statement: RecordedStatement) =>
  (statement.values[1] as string[]).filter((id) => !known.includes(id)).map((id) => ({ event_id: id }));

const consumed = (envelope: EventEnvelope, key = 'k', offset = '0'): ConsumedEvent =>
  ({ envelope, context: { topic: 't', partition: 0, offset, key, headers: {} } });

/** A consumer whose pg transactions (unused unless applyBatchOnPg) would be the fake's too. */
const consumerOf = (db: FakeDatabase, pg: FakeDatabase = new FakeDatabase()) => new IdempotentConsumer(db, { transaction: (work) => pg.$transaction(work) });

describe('IdempotentConsumer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('handle: marks the event and runs the effect in the same transaction', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const envelope = fixtures.orderDue();
    const effect = jest.fn(async () => 'done');

    await expect(consumerOf(db).handle('orders.order-due', envelope, effect)).resolves.toEqual({ applied: true, result: 'done' });
    expect(effect).toHaveBeenCalledWith(db);
    expect(db.transactions).toHaveLength(1);
    expect(db.transactions[0]?.[0]?.sql).toMatch(/ON CONFLICT DO NOTHING RETURNING/);
    expect(db.transactions[0]?.[0]?.values).toEqual(['orders.order-due', [envelope.id]]);
  });

  it('handle: skips the effect of an event this consumer already processed', async () => {
    const envelope = fixtures.orderDue();
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks([envelope.id])]]);
    const effect = jest.fn();

    await expect(consumerOf(db).handle('c', envelope, effect)).resolves.toEqual({ applied: false });
    expect(effect).not.toHaveBeenCalled();
  });

  it('applyBatch: one transaction, one mark statement, each new event once in order, duplicates skipped', async () => {
    const [a, b, old] = [fixtures.orderDue(), fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks([old.id])]]);
    const seen: string[] = [];
    const events = [consumed(a), consumed(old), consumed(b), consumed(a)];

    await expect(consumerOf(db).applyBatch('c', events, async (_tx, envelope) => { seen.push(envelope.id); })).resolves.toEqual([]);
    expect(seen).toEqual([a.id, b.id]);
    expect(db.transactions).toHaveLength(1);
    expect(db.transactions[0]?.filter((s) => /processed_event/.test(s.sql))).toHaveLength(1);
  });

  it('applyBatch: a failing event is rolled back to its savepoint, later events of its key are held back', async () => {
    const [a1, bad, a2, other] = [fixtures.orderDue(), fixtures.orderDue(), fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const events = [consumed(a1, 'a', '1'), consumed(bad, 'a', '2'), consumed(a2, 'a', '3'), consumed(other, 'b', '4')];
    const committed: string[] = [];
    const effect = async (_tx: unknown, envelope: EventEnvelope, context: { afterCommit(task: () => Promise<void>): void }) => {
      if (envelope.id === bad.id) throw new Error('boom');
      context.afterCommit(async () => { committed.push(envelope.id); });
    };

    const failures = await consumerOf(db).applyBatch('c', events, effect);
    expect(failures.map((f) => [f.event.envelope.id, f.error instanceof Error ? f.error.message : f.error])).toEqual([
      [bad.id, 'boom'],
      [a2.id, undefined],
    ]);
    expect(committed).toEqual([a1.id, other.id]); // the first try's tasks were discarded with its transaction
    expect(db.transactions).toHaveLength(2);
    expect(db.transactions[1]?.map((s) => s.sql).filter((sql) => /SAVEPOINT/.test(sql))).toEqual([
      'SAVEPOINT idempotent_event', 'RELEASE SAVEPOINT idempotent_event',
      'SAVEPOINT idempotent_event', 'ROLLBACK TO SAVEPOINT idempotent_event',
      'SAVEPOINT idempotent_event', 'RELEASE SAVEPOINT idempotent_event',
    ]);
  });

  it('applyBatch: a batch of one reports its failure without a second try', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const effect = jest.fn(async () => { throw new Error('boom'); });
    const failures = await consumerOf(db).applyBatch('c', [consumed(fixtures.orderDue())], effect);
    expect(failures).toHaveLength(1);
    expect(effect).toHaveBeenCalledTimes(1);
  });

  it('applyBatch: the effects\' outbox rows are one INSERT at the end of the batch, in append order', async () => {
    const [a, b] = [fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const effect = async (tx: SqlClient, envelope: EventEnvelope) => {
      await appendToOutbox(tx, { topic: 'first', envelope: { ...envelope, id: `${envelope.id.slice(0, -1)}1` } });
      await tx.$executeRaw`UPDATE effect SET done = true`;
      await appendToOutbox(tx, { topic: 'second', envelope: { ...envelope, id: `${envelope.id.slice(0, -1)}2` } });
    };

    await expect(consumerOf(db).applyBatch('c', [consumed(a), consumed(b)], effect)).resolves.toEqual([]);
    const statements = db.transactions[0]!.map((s) => s.sql);
    expect(statements.filter((sql) => /outbox_event/.test(sql))).toHaveLength(1);
    expect(statements.at(-1)).toMatch(/INSERT INTO outbox_event/);
    expect(outboxRowsOf(db.transactions[0]!.at(-1)).map((row) => row.topic)).toEqual(['first', 'second', 'first', 'second']);
  });

  it('applyBatch: on the isolated pass each event writes its rows inside its savepoint, a rolled-back event\'s rows are dropped', async () => {
    const [good, bad] = [fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const effect = async (tx: SqlClient, envelope: EventEnvelope) => {
      await appendToOutbox(tx, { topic: 't', envelope });
      if (envelope.id === bad.id) throw new Error('boom');
    };

    const failures = await consumerOf(db).applyBatch('c', [consumed(good, 'a'), consumed(bad, 'b')], effect);
    expect(failures.map((f) => f.event.envelope.id)).toEqual([bad.id]);
    const isolated = db.transactions[1]!;
    expect(isolated.map((s) => s.sql.replace(/^WITH inserted AS \( INSERT INTO outbox_event.*/, 'OUTBOX').replace(/^INSERT INTO processed_event.*/, 'MARK'))).toEqual([
      'SAVEPOINT idempotent_event', 'MARK', 'OUTBOX', 'RELEASE SAVEPOINT idempotent_event',
      'SAVEPOINT idempotent_event', 'MARK', 'ROLLBACK TO SAVEPOINT idempotent_event',
    ]);
    expect(outboxRowsOf(isolated[2]).map((row) => row.event_id)).toEqual([good.id]);
  });

  it('applyBatchOnPg: the same batch, marks, effects and outbox INSERT in a transaction on pg, none through Prisma', async () => {
    const [a, b] = [fixtures.orderDue(), fixtures.orderDue()];
    const prisma = new FakeDatabase();
    const pg = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const effect = async (tx: SqlClient, envelope: EventEnvelope) => { await appendToOutbox(tx, { topic: 't', envelope }); };

    await expect(consumerOf(prisma, pg).applyBatchOnPg('c', [consumed(a), consumed(b)], effect)).resolves.toEqual([]);
    expect(prisma.statements).toEqual([]);
    expect(pg.transactions).toHaveLength(1);
    expect(pg.transactions[0]!.map((s) => s.sql)).toEqual([
      expect.stringMatching(/^INSERT INTO processed_event/), expect.stringMatching(/^WITH inserted AS \( INSERT INTO outbox_event/),
    ]);
  });

  it('applyBatch with a batch effect: the new events at once, in order, duplicates and known events left out', async () => {
    const [a, b, old] = [fixtures.orderDue(), fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks([old.id])]]);
    const effect = jest.fn(async () => {});
    const batches: string[][] = [];
    const batchEffect = async (_tx: SqlClient, events: readonly BatchEvent[]) => { batches.push(events.map((event) => event.envelope.id)); };

    await expect(consumerOf(db).applyBatch('c', [consumed(a), consumed(old), consumed(b), consumed(a)], effect, batchEffect)).resolves.toEqual([]);
    expect(batches).toEqual([[a.id, b.id]]);
    expect(effect).not.toHaveBeenCalled();
    expect(db.transactions).toHaveLength(1);

    // One new event goes to the listener (its failure would not be tried again without the batch form).
    await consumerOf(db).applyBatch('c', [consumed(fixtures.orderDue())], effect, batchEffect);
    expect(effect).toHaveBeenCalledTimes(1);
    expect(batches).toHaveLength(1);
  });

  it('applyBatch with a batch effect that fails: applied again event by event with the listener, the failing event isolated', async () => {
    const [good, bad] = [fixtures.orderDue(), fixtures.orderDue()];
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const committed: string[] = [];
    const effect = async (_tx: unknown, envelope: EventEnvelope, context: { afterCommit(task: () => Promise<void>): void }) => {
      if (envelope.id === bad.id) throw new Error('boom');
      context.afterCommit(async () => { committed.push(envelope.id); });
    };
    const batchEffect = jest.fn(async (_tx: SqlClient, events: readonly BatchEvent[]) => {
      for (const event of events) event.context.afterCommit(async () => { committed.push(`batch ${event.envelope.id}`); });
      throw new Error('boom in the batch');
    });

    const failures = await consumerOf(db).applyBatch('c', [consumed(good, 'a'), consumed(bad, 'b')], effect, batchEffect);
    expect(failures.map((f) => f.event.envelope.id)).toEqual([bad.id]);
    expect(batchEffect).toHaveBeenCalledTimes(1);
    expect(committed).toEqual([good.id]); // the batch effect's tasks went with its rolled-back transaction
    expect(db.transactions).toHaveLength(2);
  });
});
