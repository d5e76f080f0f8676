import type { INestApplicationContext } from '@nestjs/common';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import { KafkaClient } from '@oms/kafka';
import type { PrismaClient } from './generated/prisma/client';
import { pollUntil } from './support/poll';
import { brokersFromEnv, createProofApp } from './support/proof-app';
import { createProofDatabase } from './support/proof-database';
import { createTestTopic } from './support/proof-kafka';
import { proofListenerFor, type ProofListener } from './support/proof-listener';
import { resetProofTables } from './support/proof-queries';

jest.setTimeout(120_000);

const KEYS = Array.from({ length: 16 }, (_, i) => `rebalance-key-${i}`);

// Proof 6: partitions handed over between members of one group (a second replica joins, the first leaves)
// lose nothing, apply nothing twice and keep per-key order; the group's committed offsets end at the log's end.
describe('consumer rebalance between two replicas (real Kafka + PostgreSQL)', () => {
  const groupId = `proof-rebalance-${Date.now()}`;
  const apps: INestApplicationContext[] = [];
  const sent = new Map<string, string[]>(); // key -> event ids in send order
  let db: PrismaClient;
  let topic: string;
  let client: KafkaClient;

  beforeAll(async () => {
    db = createProofDatabase();
    await resetProofTables(db);
    topic = await createTestTopic('rebalance', 4);
    // The product's own producer (murmur2 partitioner, acks all), so this proof needs no other client.
    client = new KafkaClient({ clientId: 'rebalance-it', brokers: brokersFromEnv(), groupId: 'unused' });
    await client.onModuleInit();
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await client?.onApplicationShutdown();
    await db?.$disconnect();
  });

  /** One event per key per round, keys interleaved; returns how many were sent. */
  const sendRounds = async (rounds: number): Promise<number> => {
    for (let round = 0; round < rounds; round++) {
      const events = KEYS.map((key) => [key, fixtures.orderCreated({ orderId: key })] as [string, EventEnvelope]);
      for (const [key, envelope] of events) sent.set(key, [...(sent.get(key) ?? []), envelope.id]);
      await client.producer.send({ messages: events.map(([key, envelope]) => ({ topic, key, value: Buffer.from(JSON.stringify(envelope)) })) });
    }
    return rounds * KEYS.length;
  };
  const applied = async (): Promise<number> => db.proofEffect.count();

  it('hands partitions over without loss, without a second effect, in per-key order', async () => {
    const Listener = proofListenerFor(topic);
    const start = async () => {
      const app = await createProofApp({ groupId, listeners: [Listener] });
      apps.push(app);
      return app;
    };
    let total = await sendRounds(10);
    const first = await start();
    await pollUntil('the first replica at work', applied, (n) => n >= 20, 60_000);
    const second = await start(); // rebalance: partitions split between the two
    total += await sendRounds(10);
    await pollUntil('half of the events applied', applied, (n) => n >= total / 2, 60_000);
    await first.close(); // rebalance: the second takes every partition
    total += await sendRounds(10);
    await pollUntil('every event applied', applied, (n) => n >= total, 90_000);

    const rows = await db.proofEffect.findMany({ orderBy: { id: 'asc' }, select: { eventId: true } });
    expect(rows).toHaveLength(total); // nothing lost, nothing applied twice (processed_event stopped redeliveries)
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(total);
    const position = new Map(rows.map((r, i) => [r.eventId, i]));
    for (const [key, ids] of sent) {
      expect({ key, order: [...ids].sort((a, b) => position.get(a)! - position.get(b)!) }).toEqual({ key, order: ids });
    }
    expect(first.get<ProofListener>(Listener).deliveries.length).toBeGreaterThan(0);
    expect(second.get<ProofListener>(Listener).deliveries.length).toBeGreaterThan(0);

    // The group's committed offsets reach the end of every partition (each chunk committed by whoever owned it).
    const committed = () => client.admin.listConsumerGroupOffsets({ groups: [groupId] }).then(([group]) =>
      (group?.topics ?? []).flatMap((t) => t.partitions).reduce((sum, p) => sum + Number(p.committedOffset < 0n ? 0n : p.committedOffset), 0));
    await pollUntil('committed offsets at the end of the log', committed, (sum) => sum === total);
  });
});
