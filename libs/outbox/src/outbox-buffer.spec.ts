import { fixtures } from '@oms/contracts';
import { appendManyToOutbox } from './append-many-to-outbox.util';
import { appendToOutbox } from './append-to-outbox.util';
import { FakeDatabase, outboxRowsOf } from './fake-database.spec-helper';
import { OutboxBuffer } from './outbox-buffer';

describe('OutboxBuffer', () => {
  it('turns the appends of its work into one INSERT after the work, in append order', async () => {
    const db = new FakeDatabase();
    const [a, b, c] = [fixtures.orderCreated(), fixtures.orderReleased(), fixtures.orderCreated()];
    await OutboxBuffer.around(db, async () => {
      await appendToOutbox(db, { topic: 't1', envelope: a });
      await appendManyToOutbox(db, [{ topic: 't2', envelope: b, key: 'k' }, { topic: 't1', envelope: c }]);
      await db.$executeRaw`SELECT 1`;
    });

    expect(db.statements.map((s) => s.sql)).toEqual(['SELECT 1', expect.stringMatching(/^WITH inserted AS \( INSERT INTO outbox_event .*jsonb_to_recordset/)]);
    expect(outboxRowsOf(db.statements[1]).map((row) => [row.event_id, row.topic, row.message_key])).toEqual([[a.id, 't1', a.subject], [b.id, 't2', 'k'], [c.id, 't1', c.subject]]);
  });

  it('writes nothing when its work throws, and closes: later appends on the client insert at once', async () => {
    const db = new FakeDatabase();
    await expect(OutboxBuffer.around(db, async () => {
      await appendToOutbox(db, { topic: 't', envelope: fixtures.orderCreated() });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(db.statements).toEqual([]);

    await appendToOutbox(db, { topic: 't', envelope: fixtures.orderCreated() });
    expect(db.statements).toHaveLength(1);
  });

  it('flush writes what is buffered so far, discard drops it, and an empty buffer writes nothing', async () => {
    const db = new FakeDatabase();
    const [kept, dropped] = [fixtures.orderCreated(), fixtures.orderCreated()];
    await OutboxBuffer.around(db, async (buffer) => {
      await appendToOutbox(db, { topic: 't', envelope: kept });
      await buffer.flush();
      await appendToOutbox(db, { topic: 't', envelope: dropped });
      buffer.discard();
    });
    expect(db.statements).toHaveLength(1);
    expect(outboxRowsOf(db.statements[0]).map((row) => row.event_id)).toEqual([kept.id]);
  });

  it('refuses a second buffer on the same transaction', async () => {
    const db = new FakeDatabase();
    await expect(OutboxBuffer.around(db, () => OutboxBuffer.around(db, async () => undefined))).rejects.toThrow(/already has an open outbox buffer/);
  });
});
