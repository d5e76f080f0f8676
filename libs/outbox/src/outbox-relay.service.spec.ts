import { Logger } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import type { EventPublisher } from '@oms/kafka';
import { FakeDatabase } from './fake-database.spec-helper';
import { resolveRelayOptions } from './outbox-relay.options';
import { OutboxPgTransactions } from './outbox-pg-transactions';
import { OutboxRelay } from './outbox-relay.service';

const row = (id: string) => {
  const envelope = fixtures.orderCreated();
  return { row_id: id, topic: 't', message_key: 'k', payload: JSON.stringify(envelope), type: envelope.type, event_id: envelope.id, correlation_id: envelope.correlationid };
};

function setup(opts: { locked?: boolean; rows?: ReturnType<typeof row>[]; publish?: jest.Mock; keepPublished?: boolean } = {}) {
  const db = new FakeDatabase([
    [/pg_try_advisory_xact_lock/, [{ acquired: opts.locked ?? true }]],
    [/SELECT id::text AS row_id/, opts.rows ?? []],
    [/UPDATE outbox_event/, 1],
    [/DELETE FROM outbox_event/, 1],
  ]);
  const publish = opts.publish ?? jest.fn(async () => undefined);
  const options = resolveRelayOptions({ batchSize: 2, enabled: false, keepPublished: opts.keepPublished });
  const relay = new OutboxRelay(db, { publishEncoded: publish } as unknown as EventPublisher, options, new OutboxPgTransactions(db));
  return { db, relay, publish };
}

describe('OutboxRelay', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('publishes the oldest unpublished rows under the advisory lock and marks them published', async () => {
    const rows = [row('1'), row('2')];
    const { db, relay, publish } = setup({ rows });

    expect(await relay.drainOnce()).toBe(2);
    expect(publish).toHaveBeenCalledWith(rows.map((r) => ({
      topic: 't', key: 'k', value: r.payload, attributes: { type: r.type, id: r.event_id, correlationid: r.correlation_id },
    })));
    const [lock, select, update] = db.transactions[0] ?? [];
    expect(lock?.sql).toMatch(/pg_try_advisory_xact_lock/);
    expect(select?.sql).toMatch(/WHERE published_at IS NULL ORDER BY outbox_event\.published_at, outbox_event\.id LIMIT \$1$/);
    expect(select?.values).toEqual([2]);
    expect(update?.sql).toMatch(/SET published_at = now\(\)/);
    expect(update?.values).toEqual([['1', '2']]);
  });

  it('deletes the rows it published instead of marking them when published rows are not kept', async () => {
    const { db, relay } = setup({ rows: [row('3'), row('4')], keepPublished: false });

    expect(await relay.drainOnce()).toBe(2);
    const [, , remove, ...rest] = db.transactions[0] ?? [];
    expect(remove?.sql).toMatch(/^DELETE FROM outbox_event WHERE id = ANY\(\$1::bigint\[\]\)$/);
    expect(remove?.values).toEqual([['3', '4']]);
    expect(rest).toEqual([]);
  });

  it('keeps the rows, with their error, when a publish fails and published rows are not kept', async () => {
    const publish = jest.fn(async () => { throw new Error('broker down'); });
    const { db, relay } = setup({ rows: [row('5')], publish, keepPublished: false });

    expect(await relay.drainOnce()).toBe(0);
    expect(db.transactions[0]?.[2]?.sql).toMatch(/^UPDATE outbox_event SET attempts = attempts \+ 1, last_error = \$1/);
    expect(db.statements.some((statement) => /DELETE/.test(statement.sql))).toBe(false);
  });

  it('does nothing when another replica holds the lock', async () => {
    const { db, relay, publish } = setup({ locked: false, rows: [row('1')] });
    expect(await relay.drainOnce()).toBe(0);
    expect(publish).not.toHaveBeenCalled();
    expect(db.transactions[0]).toHaveLength(1);
  });

  it('records a failed publish on the same rows instead of marking them published', async () => {
    const publish = jest.fn(async () => { throw new Error('broker down'); });
    const { db, relay } = setup({ rows: [row('7'), row('8')], publish });

    expect(await relay.drainOnce()).toBe(0);
    const update = db.transactions[0]?.[2];
    expect(update?.sql).toMatch(/SET attempts = attempts \+ 1, last_error = \$1/);
    expect(update?.values).toEqual(['broker down', ['7', '8']]);
  });

  it('waits for the batch in flight before letting shutdown continue', async () => {
    let finishPublish: () => void = () => undefined;
    const publish = jest.fn(() => new Promise<void>((resolve) => { finishPublish = resolve; }));
    const db = new FakeDatabase([[/pg_try_advisory_xact_lock/, [{ acquired: true }]], [/SELECT id::text/, [row('1')]], [/UPDATE/, 1]]);
    const relay = new OutboxRelay(db, { publishEncoded: publish } as unknown as EventPublisher, resolveRelayOptions({ intervalMs: 5 }), new OutboxPgTransactions(db));

    relay.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 20));
    let stopped = false;
    const stopping = relay.beforeApplicationShutdown().then(() => { stopped = true; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finishPublish();
    await stopping;
    expect(db.statements.at(-1)?.sql).toMatch(/SET published_at = now\(\)/);
    expect(publish).toHaveBeenCalledTimes(1); // no tick after shutdown
  });
});

describe('resolveRelayOptions', () => {
  it('defaults to 100 ms, 500 rows, enabled, published rows kept', () => {
    expect(resolveRelayOptions()).toEqual({ intervalMs: 100, batchSize: 500, enabled: true, keepPublished: true });
  });

  it('rejects a batch size below one', () => {
    expect(() => resolveRelayOptions({ batchSize: 0 })).toThrow(/invalid relay options/);
  });
});
