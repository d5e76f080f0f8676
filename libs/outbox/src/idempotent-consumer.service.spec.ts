import { Logger } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import { FakeDatabase } from './fake-database.spec-helper';
import { IdempotentConsumer } from './idempotent-consumer.service';

describe('IdempotentConsumer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('marks the event and runs the effect in the same transaction', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, 1]]);
    const envelope = fixtures.orderDue();
    const effect = jest.fn(async () => 'done');

    await expect(new IdempotentConsumer(db).handle('orders.order-due', envelope, effect)).resolves.toEqual({ applied: true, result: 'done' });
    expect(effect).toHaveBeenCalledWith(db);
    expect(db.transactions).toHaveLength(1);
    expect(db.transactions[0]?.[0]?.sql).toMatch(/ON CONFLICT DO NOTHING$/);
    expect(db.transactions[0]?.[0]?.values).toEqual(['orders.order-due', envelope.id]);
  });

  it('skips the effect of an event this consumer already processed', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, 0]]);
    const effect = jest.fn();

    await expect(new IdempotentConsumer(db).handle('c', fixtures.orderDue(), effect)).resolves.toEqual({ applied: false });
    expect(effect).not.toHaveBeenCalled();
  });

  it('propagates an effect failure so the transaction (and the mark) roll back', async () => {
    const db = new FakeDatabase([[/INSERT INTO processed_event/, 1]]);
    await expect(new IdempotentConsumer(db).handle('c', fixtures.orderDue(), async () => { throw new Error('boom'); }))
      .rejects.toThrow('boom');
  });
});
