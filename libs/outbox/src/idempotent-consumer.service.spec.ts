import { Logger } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import { FakeDatabase, type RecordedStatement } from './fake-database.spec-helper';
import { IdempotentConsumer } from './idempotent-consumer.service';

/** Answers the processed_event insert with every id it was given, except `known` ones. */
const marks = (known: string[] = []) => (statement: RecordedStatement) =>
  (statement.values[1] as string[]).filter((id) => !known.includes(id)).map((id) => ({ event_id: id }));

describe('IdempotentConsumer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('marks the event and runs the effect in the same transaction', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    const envelope = fixtures.orderDue();
    const effect = jest.fn(async () => 'done');

    await expect(new IdempotentConsumer(db).handle('orders.order-due', envelope, effect)).resolves.toEqual({ applied: true, result: 'done' });
    expect(effect).toHaveBeenCalledWith(db);
    expect(db.transactions).toHaveLength(1);
    expect(db.transactions[0]?.[0]?.sql).toMatch(/ON CONFLICT DO NOTHING RETURNING/);
    expect(db.transactions[0]?.[0]?.values).toEqual(['orders.order-due', [envelope.id]]);
  });

  it('skips the effect of an event this consumer already processed', async () => {
    const envelope = fixtures.orderDue();
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks([envelope.id])]]);
    const effect = jest.fn();

    await expect(new IdempotentConsumer(db).handle('c', envelope, effect)).resolves.toEqual({ applied: false });
    expect(effect).not.toHaveBeenCalled();
  });

  it('propagates an effect failure so the transaction (and the mark) roll back', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, marks()]]);
    await expect(new IdempotentConsumer(db).handle('c', fixtures.orderDue(), async () => { throw new Error('boom'); }))
      .rejects.toThrow('boom');
  });
});
