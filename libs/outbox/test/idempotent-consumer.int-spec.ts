import type { INestApplicationContext } from '@nestjs/common';
import { deadLetterTopic, fixtures, type EventEnvelope } from '@oms/contracts';
import type { PrismaClient } from './generated/prisma/client';
import { pollUntil } from './support/poll';
import { createProofApp } from './support/proof-app';
import { createProofDatabase } from './support/proof-database';
import { connectTestProducer, createTestTopic, readTopic, sendRaw, type TestProducer } from './support/proof-kafka';
import { proofListenerFor, type ProofListener, type ProofListenerBehaviour } from './support/proof-listener';
import { effectCounts, resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

// Proofs 2, 4 and 5: a running service's consumer applies each event once,
// dead-letters malformed and poison messages without blocking the partition,
// and retries transient failures; in Prisma's interactive transaction and in one on pg directly.
describe.each(['prisma', 'pg'] as const)('batched @IdempotentListener (real Kafka + PostgreSQL, %s transaction)', (transaction) => {
  const groupId = `proof-consumer-${transaction}-${Date.now()}`;
  const behaviour: Required<Omit<ProofListenerBehaviour, 'crashAfterEffect'>> = {
    transientFailures: new Map(),
    alwaysFail: new Set(),
  };
  let db: PrismaClient;
  let topic: string;
  let app: INestApplicationContext;
  let listener: ProofListener;
  let producer: TestProducer;

  beforeAll(async () => {
    db = createProofDatabase();
    await resetProofTables(db);
    topic = await createTestTopic(`consumer-${transaction}`);
    const Listener = proofListenerFor(topic, behaviour, transaction);
    // pg transactions open on the database's URL, which the proof app gives along with the relay's wake-ups.
    app = await createProofApp({ groupId, listeners: [Listener], handlerRetries: 3, retryBaseDelayMs: 20, wakeups: transaction === 'pg' });
    listener = app.get(Listener);
    producer = await connectTestProducer();
  });

  afterAll(async () => {
    await producer?.close();
    await app?.close();
    await db?.$disconnect();
  });

  const event = (key: string): EventEnvelope => fixtures.orderCreated({ orderId: key });
  /** Waits until `marker` (sent last on its key) has its effect: everything before it on that partition is done. */
  const processed = (marker: EventEnvelope) =>
    pollUntil(`the effect of ${marker.id}`, () => effectCounts(db, [marker.id]), (c) => c.get(marker.id) === 1);

  it('applies an event delivered twice exactly once', async () => {
    const [twice, marker] = [event('dup-key'), event('dup-key')];
    await sendRaw(producer, topic, 'dup-key', [twice, twice, marker]);
    await processed(marker);

    // The marker sits behind both copies on the partition, so both were consumed; the effect ran once.
    expect(await effectCounts(db, [twice.id])).toEqual(new Map([[twice.id, 1]]));
    expect(listener.calls.get(twice.id)).toBe(1);
  });

  it('applies a batch of events once each and in per-key order, even when the batch is redelivered', async () => {
    const keys = ['batch-a', 'batch-b', 'batch-c'];
    const events = keys.flatMap((key) => Array.from({ length: 40 }, () => event(key)));
    for (const key of keys) await sendRaw(producer, topic, key, events.filter((e) => e.subject === key));
    await sendRaw(producer, topic, 'batch-a', events.slice(0, 40)); // the same 40 again: a redelivered batch
    const markers = keys.map((key) => event(key)); // one per key: the keys may sit on different partitions
    for (const marker of markers) await sendRaw(producer, topic, marker.subject, [marker]);
    for (const marker of markers) await processed(marker);

    const counts = await effectCounts(db, events.map((e) => e.id));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(counts.size).toBe(events.length);
    const markerIds = new Set(markers.map((m) => m.id));
    for (const key of keys) {
      const applied = listener.deliveries.filter((d) => d.key === key && !markerIds.has(d.eventId)).map((d) => d.eventId);
      expect(applied).toEqual(events.filter((e) => e.subject === key).map((e) => e.id));
    }
  });

  it('isolates a failing event of a batch: the others commit, its key waits for it', async () => {
    const [before, flaky, after] = [event('iso-key'), event('iso-key'), event('iso-key')];
    const other = event('iso-other');
    behaviour.transientFailures.set(flaky.id, 2); // fails in its batch (and under its savepoint), then succeeds alone
    await sendRaw(producer, topic, 'iso-key', [before, flaky, after]);
    await sendRaw(producer, topic, 'iso-other', [other]);
    await processed(after);
    await processed(other);

    expect(await effectCounts(db, [before.id, flaky.id, after.id, other.id])).toEqual(
      new Map([[before.id, 1], [flaky.id, 1], [after.id, 1], [other.id, 1]]));
    const order = listener.deliveries.filter((d) => d.key === 'iso-key').map((d) => d.eventId);
    expect(order).toEqual([before.id, flaky.id, after.id]);
  });

  it('dead-letters bad JSON and invalid data with the error, and still processes the message behind them', async () => {
    const invalid = event('bad-key') as EventEnvelope<Record<string, unknown>>;
    invalid.data = { ...invalid.data, lines: 'not-a-list' };
    const valid = event('bad-key');
    await sendRaw(producer, topic, 'bad-key', ['{"specversion": "1.0", oops', invalid, valid]);
    await processed(valid);

    const dead = (await readTopic(deadLetterTopic(topic), 2)).filter((m) => m.key === 'bad-key');
    expect(dead.map((m) => m.value)).toEqual(['{"specversion": "1.0", oops', JSON.stringify(invalid)]);
    expect(dead[0]?.headers['dlq-error']).toMatch(/^malformed: not valid JSON/);
    expect(dead[1]?.headers['dlq-error']).toMatch(/^malformed: .*data\.lines/);
    const validPartition = listener.deliveries.find((d) => d.eventId === valid.id)?.partition;
    for (const message of dead) {
      expect(message.headers).toMatchObject({
        'dlq-original-topic': topic,
        'dlq-original-partition': String(validPartition),
        'dlq-consumer-group': groupId,
      });
      expect(message.headers['dlq-original-offset']).toMatch(/^\d+$/);
      expect(Date.parse(message.headers['dlq-failed-at'] ?? '')).not.toBeNaN();
    }
    expect(listener.calls.has(invalid.id)).toBe(false); // never reached the handler
  });

  it('retries a transient handler failure and then applies the event once', async () => {
    const flaky = event('flaky-key');
    behaviour.transientFailures.set(flaky.id, 2);
    await sendRaw(producer, topic, 'flaky-key', [flaky]);
    await processed(flaky);

    expect(listener.calls.get(flaky.id)).toBe(3);
    expect(await effectCounts(db, [flaky.id])).toEqual(new Map([[flaky.id, 1]]));
  });

  it('dead-letters a message whose handler keeps failing, so the partition moves on', async () => {
    const [poison, next] = [event('poison-key'), event('poison-key')];
    behaviour.alwaysFail.add(poison.id);
    await sendRaw(producer, topic, 'poison-key', [poison, next]);
    await processed(next);

    // The try in its batch (twice when the batch is re-applied under savepoints), then handlerRetries more alone.
    expect(listener.calls.get(poison.id)).toBeGreaterThanOrEqual(1 + 3);
    expect(listener.calls.get(poison.id)).toBeLessThanOrEqual(2 + 3);
    const dead = (await readTopic(deadLetterTopic(topic), 3)).filter((m) => m.key === 'poison-key');
    expect(dead.map((m) => m.headers['dlq-error'])).toEqual([`retries exhausted: poison ${poison.id}`]);
    expect(await effectCounts(db, [poison.id])).toEqual(new Map([[poison.id, 0]]));
  });
});
