import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import { Admin } from '@platformatic/kafka';
import type { PrismaClient } from './generated/prisma/client';
import { pollUntil } from './support/poll';
import { brokersFromEnv, createProofApp } from './support/proof-app';
import { createProofDatabase } from './support/proof-database';
import { connectTestProducer, createTestTopic, sendRaw, type TestProducer } from './support/proof-kafka';
import { PROOF_CONSUMER, proofListenerFor, type ProofListener } from './support/proof-listener';
import { effectCounts, resetProofTables } from './support/proof-queries';

jest.setTimeout(45_000);

const REPO_ROOT = resolve(__dirname, '../../..');
const CHILD_SCRIPT = resolve(__dirname, 'support/proof-consumer.main.ts');

/** Runs the proof consumer in its own process; resolves with the signal that ended it. */
function runChildConsumer(env: Record<string, string>, children: ChildProcess[]): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === null) reject(new Error(`child consumer exited with code ${code}:\n${output}`));
      else resolvePromise(signal);
    });
  });
}

// Proof 3: a consumer killed after its effect committed but before its offset
// commit gets the message again on restart, and processed_event stops a second effect.
describe('consumer crash between effect and offset commit (real Kafka + PostgreSQL)', () => {
  const groupId = `proof-crash-${Date.now()}`;
  const children: ChildProcess[] = [];
  let db: PrismaClient;
  let topic: string;
  let producer: TestProducer;
  let admin: Admin;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    db = createProofDatabase();
    await resetProofTables(db);
    topic = await createTestTopic('crash', 1);
    producer = await connectTestProducer();
    admin = new Admin({ clientId: 'crash-it', bootstrapBrokers: brokersFromEnv() });
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await app?.close();
    await admin?.close();
    await producer?.close();
    await db?.$disconnect();
  });

  // As kafkajs' fetchOffsets gave it: the group's committed offset of partition 0 as text, '-1' for none.
  const committedOffset = async () => {
    const [group] = await admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes: [0] }] }] });
    return group?.topics.find((t) => t.name === topic)?.partitions[0]?.committedOffset.toString();
  };

  it('re-delivers the message to the restarted consumer, which skips the effect and goes on', async () => {
    const [first, second] = [fixtures.orderCreated({ orderId: 'crash-key' }), fixtures.orderCreated({ orderId: 'crash-key' })];
    await sendRaw(producer, topic, 'crash-key', [first]);

    const signal = await runChildConsumer(
      { PROOF_TOPIC: topic, PROOF_GROUP_ID: groupId, PROOF_CRASH_AFTER_EFFECT: '1' },
      children,
    );
    expect(signal).toBe('SIGKILL');
    // The effect and its processed_event row committed; the offset did not.
    expect(await effectCounts(db, [first.id])).toEqual(new Map([[first.id, 1]]));
    expect(await db.processedEvent.count({ where: { consumer: PROOF_CONSUMER, eventId: first.id } })).toBe(1);
    expect(await committedOffset()).toBe('-1');

    await sendRaw(producer, topic, 'crash-key', [second]);
    const Listener = proofListenerFor(topic);
    app = await createProofApp({ groupId, listeners: [Listener] });
    await pollUntil(`the effect of ${second.id}`, () => effectCounts(db, [second.id]), (c) => c.get(second.id) === 1, 30_000);

    expect(await effectCounts(db, [first.id])).toEqual(new Map([[first.id, 1]]));
    // The restarted consumer got the first message again (the offset moves past it) but never ran its effect.
    const listener = app.get<ProofListener>(Listener);
    expect(listener.calls.has(first.id)).toBe(false);
    expect(listener.deliveries.map((d) => d.eventId)).toEqual([second.id]);
    await pollUntil('the committed offset after both messages', committedOffset, (offset) => offset === '2');
  });
});
