import { fixtures } from '@oms/contracts';
import { appendManyToOutbox } from './append-many-to-outbox.util';
import { appendToOutbox } from './append-to-outbox.util';
import { FakeDatabase, outboxRowsOf } from './fake-database.spec-helper';

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
    expect(db.statements[0]?.sql).toMatch(/jsonb_to_recordset\(\$1::jsonb\).*WITH ORDINALITY .* ORDER BY m.position RETURNING id\)/);
    // One JSON array parameter: each row's payload is the envelope itself, not a string inside it.
    expect(outboxRowsOf(db.statements[0])).toEqual([
      { event_id: a.id, topic: 't1', message_key: a.subject, payload: JSON.parse(JSON.stringify(a)) },
      { event_id: b.id, topic: 't2', message_key: 'k', payload: JSON.parse(JSON.stringify(b)) },
    ]);
    expect(db.statements[0]?.values.slice(1)).toEqual(['outbox_event']);
  });

  it('writes nothing for an empty batch', async () => {
    const db = new FakeDatabase();
    await appendManyToOutbox(db, []);
    expect(db.statements).toEqual([]);
  });
});
