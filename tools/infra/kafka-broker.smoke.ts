// Smoke test for tools/infra/kafka-broker.ts with @platformatic/kafka (the services' client).
// Run: node -r @swc-node/register tools/infra/kafka-broker.smoke.ts
// Ports 19096/19097 + OMS_PORT_OFFSET: never the test profile's x92/x93 nor the SCRAM suite's x94/x95, so it runs beside a suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  Admin, compatibilityPartitioner, Consumer, MessagesStreamModes, ProduceAcks, Producer, stringDeserializers, stringSerializers,
} from '@platformatic/kafka';
import { ensureKafkaJars, KafkaBrokerHandle, startKafkaBroker } from './kafka-broker';
import { PORT_OFFSET } from './profiles';

const DATA_DIR = `/tmp/kafka-smoke${PORT_OFFSET ? `-${PORT_OFFSET}` : ''}`;
const OPTS = { dataDir: DATA_DIR, port: 19096 + PORT_OFFSET, controllerPort: 19097 + PORT_OFFSET };
const TOPIC = 'smoke.orders';
const GROUP = 'smoke-group';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await fn();
  console.log(`[timing] ${label}: ${Date.now() - t0} ms`);
  return result;
}
async function waitFor(what: string, pred: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !pred(); await sleep(100)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}
// Every java process still running this smoke broker's config (read from /proc).
function smokeJavaPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(`${DATA_DIR}/server.properties`); } catch { return false; }
  }).map(Number);
}

const client = (brokers: string) => ({ clientId: 'smoke', bootstrapBrokers: [brokers] });
const producerOf = (brokers: string) => new Producer({
  ...client(brokers), serializers: stringSerializers, partitioner: compatibilityPartitioner, acks: ProduceAcks.ALL,
});

/**
 * Consumes with a group until `expected` messages arrived, commits each explicitly, then leaves.
 * Committed offsets first, the earliest where the group has none (kafkajs' fromBeginning).
 */
async function consume(brokers: string, expected: number, settleMs = 0): Promise<string[]> {
  const got: string[] = [];
  const consumer = new Consumer({ ...client(brokers), groupId: GROUP, deserializers: stringDeserializers, maxWaitTime: 500 });
  try {
    const stream = await consumer.consume({
      topics: [TOPIC], mode: MessagesStreamModes.COMMITTED, fallbackMode: 'earliest', autocommit: false,
    });
    let failure: Error | undefined;
    stream.on('error', (error) => { failure = error; });
    stream.on('data', (message) => {
      got.push(`${message.key}=${message.value}`);
      Promise.resolve(message.commit()).catch((error: Error) => { failure = error; });
    });
    await waitFor(`${expected} messages (got ${got.length})`, () => failure !== undefined || got.length >= expected);
    await sleep(settleMs); // give duplicates (the thing we test for) a chance to show up
    await stream.close();
    if (failure) throw failure;
  } finally {
    await consumer.close(true);
  }
  return got.sort();
}

async function main(): Promise<void> {
  await timed('ensureKafkaJars (download on first run, else marker hit)', ensureKafkaJars);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  let broker: KafkaBrokerHandle = await timed('cold start (format + start + ready)', () => startKafkaBroker(OPTS));
  try {
    const admin = new Admin(client(broker.brokers));
    await admin.createTopics({ topics: [TOPIC], partitions: 3, replicas: 1 });
    for (const end = Date.now() + 30_000; ; await sleep(100)) { // kafkajs' waitForLeaders
      const partitions = (await admin.metadata({ topics: [TOPIC], forceUpdate: true })).topics.get(TOPIC)?.partitions ?? [];
      if (partitions.length === 3 && partitions.every((p) => p.leader >= 0)) break;
      if (Date.now() > end) throw new Error(`${TOPIC} has no leader for each of 3 partitions`);
    }
    await admin.close();
    console.log('ok: createTopics with 3 partitions');

    // retries: 1 keeps the (expected) failure fast: the client retries UNKNOWN_TOPIC_OR_PARTITION.
    const producer = new Producer({ ...client(broker.brokers), serializers: stringSerializers, retries: 1 });
    await assert.rejects(producer.send({ messages: [{ topic: 'smoke.does-not-exist', value: 'x' }] }),
      (e: Error) => { console.log(`ok: produce to missing topic rejected: ${e.name}: ${e.message}`); return true; });
    await producer.close();

    const keys = ['cust-1', 'cust-2', 'cust-3', 'cust-4', 'cust-5', 'cust-6'];
    const keyed = producerOf(broker.brokers);
    const res = await keyed.send({ messages: keys.map((k, i) => ({ topic: TOPIC, key: k, value: `order-${i}` })) });
    console.log(`ok: keyed send landed on partitions ${[...new Set(res.offsets?.map((o) => o.partition))].sort().join(',')}`);
    await keyed.close();

    const first = await timed('group consumer receives all 6', () => consume(broker.brokers, keys.length));
    assert.deepEqual(first, keys.map((k, i) => `${k}=order-${i}`).sort());
    console.log('ok: consumer group received all messages, offsets committed');

    await timed('stop (before restart)', () => broker.stop());
    broker = await timed('warm start (data reused, no format)', () => startKafkaBroker(OPTS));
    const p2 = producerOf(broker.brokers);
    await p2.send({ messages: [{ topic: TOPIC, key: 'cust-7', value: 'after-restart' }] });
    await p2.close();
    const second = await consume(broker.brokers, 1, 3000);
    assert.deepEqual(second, ['cust-7=after-restart'], 'second consumer must not re-receive committed messages');
    console.log('ok: after broker restart the same group only got the new message');
  } finally {
    const pid = broker.pid;
    await timed('stop', () => broker.stop());
    assert.throws(() => process.kill(pid, 0), 'broker pid must be gone');
    assert.deepEqual(smokeJavaPids(), [], 'no java process of the smoke broker may remain');
    console.log('ok: broker stopped, no java process remains');
  }
}

main().then(() => console.log('SMOKE PASSED'), (e) => { console.error('SMOKE FAILED:', e); process.exitCode = 1; });
