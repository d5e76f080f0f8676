import type { INestApplicationContext } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import { appendToOutbox, OutboxRelay } from '../src';
import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import type { PrismaClient } from './generated/prisma/client';
import { brokersFromEnv, createProofApp } from './support/proof-app';
import { createProofDatabase } from './support/proof-database';
import { pollUntil } from './support/poll';
import { createTestTopic } from './support/proof-kafka';
import { resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

// Proof 1 (failure path): a batch the broker refuses stays in the outbox with
// its error recorded, and the next tick retries the same rows.
describe('outbox relay publish failure (real Kafka + PostgreSQL)', () => {
  let db: PrismaClient;
  let topic: string;
  let admin: Admin;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = createProofDatabase();
    await resetProofTables(db);
    topic = await createTestTopic('outbox-failure');
    admin = new Admin({ clientId: 'relay-failure-it', bootstrapBrokers: brokersFromEnv() });
    app = await createProofApp({ groupId: 'relay-failure', relay: { enabled: false } });
  });

  afterAll(async () => {
    await app?.close();
    await admin?.close();
    await db?.$disconnect();
  });

  it('records a failed publish and retries the same rows later, never skipping ahead', async () => {
    const relay = app.get(OutboxRelay);
    // A topic whose size limit rejects our events: the broker refuses the batch at once.
    const tightTopic = `${topic}.tight`;
    await admin.createTopics({ topics: [tightTopic], partitions: 1, configs: [{ name: 'max.message.bytes', value: '100' }] });
    await pollUntil(`a leader for ${tightTopic}`, () => admin.metadata({ topics: [tightTopic], forceUpdate: true }),
      (metadata) => (metadata.topics.get(tightTopic)?.partitions[0]?.leader ?? -1) >= 0);
    const [first, second] = [fixtures.orderCreated({ orderId: 'order-g' }), fixtures.orderCreated({ orderId: 'order-g' })];
    await db.$transaction(async (tx) => {
      await appendToOutbox(tx, { topic: tightTopic, envelope: first });
      await appendToOutbox(tx, { topic, envelope: second });
    });
    const rows = () => db.outboxEvent.findMany({ where: { eventId: { in: [first.id, second.id] } }, orderBy: { id: 'asc' } });

    expect(await relay.drainOnce()).toBe(0);
    const failed = await rows();
    expect(failed.map((r) => [r.publishedAt, r.attempts])).toEqual([[null, 1], [null, 1]]);
    expect(failed[0]?.lastError).toMatch(/larger than the max message size/);

    await admin.alterConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: tightTopic, configs: [{ name: 'max.message.bytes', value: '1048588' }] }],
    });
    expect(await relay.drainOnce()).toBe(2);
    expect((await rows()).map((r) => [r.publishedAt !== null, r.attempts, r.lastError])).toEqual([[true, 2, null], [true, 2, null]]);
  });
});
