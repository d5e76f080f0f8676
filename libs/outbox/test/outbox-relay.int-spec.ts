import type { INestApplicationContext } from '@nestjs/common';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import { appendToOutbox, OUTBOX_RELAY_LOCK_KEY, OutboxRelay } from '../src';
import type { PrismaClient } from './generated/prisma/client';
import { createProofApp } from './support/proof-app';
import { createProofDatabase } from './support/proof-database';
import { pollUntil } from './support/poll';
import { countMessages, createTestTopic, readTopic } from './support/proof-kafka';
import { resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

// Proof 1: the transactional outbox publishes exactly the committed events,
// in order per key, even with two relays (two service replicas) polling at once.
describe('outbox relay (real Kafka + PostgreSQL)', () => {
  let db: PrismaClient;
  let topic: string;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    db = createProofDatabase();
    await resetProofTables(db);
    topic = await createTestTopic('outbox');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  const event = (key: string): EventEnvelope => fixtures.orderCreated({ orderId: key });
  const backlog = () => db.outboxEvent.count({ where: { publishedAt: null } });

  it.each([
    { rows: 'kept, marked published', keepPublished: true },
    { rows: 'deleted as they are published (a retention of 0)', keepPublished: false },
  ])('publishes every committed event once and in order per key, with two relays running; a rollback publishes nothing (rows $rows)', async ({ keepPublished }) => {
    const relayTopic = await createTestTopic(keepPublished ? 'outbox' : 'outbox-deleted');
    const before = await db.outboxEvent.count();
    const startRelays = async () => {
      // Small batches so the two relays take turns many times while rows are still being written.
      apps.push(
        await createProofApp({ groupId: 'relay-a', relay: { batchSize: 7, keepPublished } }),
        await createProofApp({ groupId: 'relay-b', relay: { batchSize: 7, keepPublished } }),
      );
    };
    const keys = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
    const expected = new Map<string, string[]>(keys.map((k) => [k, []]));
    const rolledBack: string[] = [];

    for (let round = 0; round < 20; round++) {
      // Half the rows wait as a backlog (ids across 9/10 and 99/100 boundaries), half arrive while relaying.
      if (round === 10) await startRelays();
      const batch = keys.map(event);
      await db.$transaction(async (tx) => {
        for (const envelope of batch) await appendToOutbox(tx, { topic: relayTopic, envelope });
      });
      batch.forEach((e) => expected.get(e.subject)!.push(e.id));
      if (round === 12) {
        const doomed = event('order-a');
        await expect(db.$transaction(async (tx) => {
          await appendToOutbox(tx, { topic: relayTopic, envelope: doomed });
          throw new Error('business rule failed after the outbox write');
        })).rejects.toThrow('business rule failed');
        rolledBack.push(doomed.id);
      }
    }

    await pollUntil('an empty outbox backlog', backlog, (n) => n === 0);
    const published = await readTopic(relayTopic, 100);
    const ids = published.map((m) => (JSON.parse(m.value!) as EventEnvelope).id);

    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(await countMessages(relayTopic)).toBe(100); // each row once, none twice
    expect(ids).not.toEqual(expect.arrayContaining(rolledBack));
    expect(await db.outboxEvent.count({ where: { eventId: { in: rolledBack } } })).toBe(0);
    for (const key of keys) {
      const received = published.filter((m) => m.key === key).map((m) => (JSON.parse(m.value!) as EventEnvelope).id);
      expect(received).toEqual(expected.get(key)); // per-key order = commit order
    }
    expect(published[0]?.headers).toMatchObject({ ce_type: 'orders.order.created.v1' });
    expect(await db.outboxEvent.count()).toBe(before + (keepPublished ? 100 : 0));
  });

  it('wakes on commit: with its poll a minute apart, a committed event still leaves at once, and a rolled-back one never', async () => {
    apps.push(await createProofApp({ groupId: 'relay-wake', relay: { intervalMs: 60_000 }, wakeups: true }));
    await pollUntil('the relay idle after its first drain', backlog, (n) => n === 0);
    const wakeTopic = await createTestTopic('outbox-wake');
    await expect(db.$transaction(async (tx) => {
      await appendToOutbox(tx, { topic: wakeTopic, envelope: event('order-rolled-back') });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    const envelope = event('order-woken');
    const committedAt = Date.now();
    await db.$transaction((tx) => appendToOutbox(tx, { topic: wakeTopic, envelope }));
    await pollUntil('the woken relay publishing it', backlog, (n) => n === 0);
    expect(Date.now() - committedAt).toBeLessThan(5_000); // the next poll is a minute away
    const [message] = await readTopic(wakeTopic, 1);
    expect((JSON.parse(message!.value!) as EventEnvelope).id).toBe(envelope.id);
    expect(await countMessages(wakeTopic)).toBe(1);
  });

  it('publishes nothing while another replica holds the relay lock, then catches up', async () => {
    const app = await createProofApp({ groupId: 'relay-c', relay: { enabled: false } });
    apps.push(app);
    const relay = app.get(OutboxRelay);
    const envelope = event('order-f');
    await db.$transaction((tx) => appendToOutbox(tx, { topic, envelope }));

    // Another replica mid-batch: it holds the transaction-level advisory lock.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => { locked = resolve; });
    const otherReplica = db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OUTBOX_RELAY_LOCK_KEY}::bigint)`;
      locked();
      await held;
    });
    await isLocked;
    expect(await relay.drainOnce()).toBe(0);
    expect(await relay.backlog()).toBe(1);

    release();
    await otherReplica;
    expect(await relay.drainOnce()).toBe(1);
    expect(await relay.backlog()).toBe(0);
  });
});
