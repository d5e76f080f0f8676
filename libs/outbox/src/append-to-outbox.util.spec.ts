import { fixtures } from '@oms/contracts';
import { appendManyToOutbox } from './append-many-to-outbox.util';
import { appendToOutbox } from './append-to-outbox.util';
import { FakeDatabase } from './fake-database.spec-helper';

describe('appendToOutbox', () => {
  it('inserts one row keyed by the envelope subject unless a key is given', async () => {
    const db = new FakeDatabase();
    const envelope = fixtures.orderCreated();
    await appendToOutbox(db, { topic: 'orders.order.v1', envelope });
    await appendToOutbox(db, { topic: 'orders.order.v1', envelope, key: 'custom' });

    expect(db.statements).toHaveLength(2);
    expect(db.statements[0]?.sql).toMatch(/^WITH inserted AS \( INSERT INTO outbox_event \(event_id, topic, message_key, payload\)/);
    expect(db.statements[0]?.values).toEqual([envelope.id, 'orders.order.v1', envelope.subject, JSON.stringify(envelope), 'outbox_event']);
    expect(db.statements[1]?.values[2]).toBe('custom');
  });
});

describe('the relay wake-up', () => {
  it('notifies the outbox channel in the same statement as the insert, so it is delivered only on commit', async () => {
    const db = new FakeDatabase();
    await appendToOutbox(db, { topic: 't', envelope: fixtures.orderCreated() });
    await appendManyToOutbox(db, [{ topic: 't', envelope: fixtures.orderCreated() }]);
    expect(db.statements.map((s) => s.sql)).toEqual([expect.stringMatching(/SELECT pg_notify\(\$\d, ''\) FROM inserted$/), expect.stringMatching(/SELECT pg_notify\(\$\d, ''\) FROM \(SELECT 1 FROM inserted LIMIT 1\) AS any_row$/)]);
  });
});

describe('appendManyToOutbox', () => {
  it('writes the whole batch with one statement, in array order, keys defaulting to subjects', async () => {
    const db = new FakeDatabase();
    const [a, b] = [fixtures.orderCreated(), fixtures.orderReleased()];
    await appendManyToOutbox(db, [{ topic: 't1', envelope: a }, { topic: 't2', envelope: b, key: 'k' }]);

    expect(db.statements).toHaveLength(1);
    expect(db.statements[0]?.sql).toMatch(/unnest\(.*WITH ORDINALITY .* ORDER BY position RETURNING id\)/);
    expect(db.statements[0]?.values).toEqual([[a.id, b.id], ['t1', 't2'], [a.subject, 'k'], [JSON.stringify(a), JSON.stringify(b)], 'outbox_event']);
  });

  it('writes nothing for an empty batch', async () => {
    const db = new FakeDatabase();
    await appendManyToOutbox(db, []);
    expect(db.statements).toEqual([]);
  });
});
