// Smoke test for tools/infra/kafka-broker.ts against kafkajs 2.2.4.
// Run: node -r @swc-node/register tools/infra/kafka-broker.smoke.ts
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ensureKafkaJars, KafkaBrokerHandle, startKafkaBroker } from './kafka-broker';

const DATA_DIR = '/tmp/kafka-smoke';
const OPTS = { dataDir: DATA_DIR, port: 19092, controllerPort: 19093 };
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

/** Consumes with a group until `expected` messages arrived, commits each explicitly, then leaves. */
async function consume(kafka: Kafka, expected: number, settleMs = 0): Promise<string[]> {
  const got: string[] = [];
  // kafkajs' disconnect() waits out the in-flight fetch: the default maxWaitTimeInMs (5 s) makes it slow.
  const consumer = kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      got.push(`${message.key}=${message.value}`);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    },
  });
  await waitFor(`${expected} messages (got ${got.length})`, () => got.length >= expected);
  await sleep(settleMs); // give duplicates (the thing we test for) a chance to show up
  await consumer.disconnect();
  return got.sort();
}

async function main(): Promise<void> {
  await timed('ensureKafkaJars (download on first run, else marker hit)', ensureKafkaJars);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  let broker: KafkaBrokerHandle = await timed('cold start (format + start + ready)', () => startKafkaBroker(OPTS));
  try {
    const kafka = new Kafka({ clientId: 'smoke', brokers: [broker.brokers], logLevel: logLevel.WARN });
    const admin = kafka.admin();
    await admin.connect();
    assert.equal(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true }), true);
    const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    assert.equal(meta.topics[0].partitions.length, 3);
    await admin.disconnect();
    console.log('ok: createTopics with 3 partitions');

    // retries: 1 keeps the (expected) failure fast; kafkajs retries UNKNOWN_TOPIC_OR_PARTITION.
    console.log('(kafkajs ERROR lines about a missing topic / group coordinator below are expected)');
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false,
      retry: { retries: 1 } });
    await producer.connect();
    await assert.rejects(producer.send({ topic: 'smoke.does-not-exist', messages: [{ value: 'x' }] }),
      (e: Error) => { console.log(`ok: produce to missing topic rejected: ${e.name}: ${e.message}`); return true; });

    const keys = ['cust-1', 'cust-2', 'cust-3', 'cust-4', 'cust-5', 'cust-6'];
    const res = await producer.send({ topic: TOPIC, acks: -1, messages: keys.map((k, i) => ({ key: k, value: `order-${i}` })) });
    console.log(`ok: keyed send landed on partitions ${[...new Set(res.map((r) => r.partition))].sort().join(',')}`);
    await producer.disconnect();

    const first = await timed('group consumer receives all 6', () => consume(kafka, keys.length));
    assert.deepEqual(first, keys.map((k, i) => `${k}=order-${i}`).sort());
    console.log('ok: consumer group received all messages, offsets committed');

    await timed('stop (before restart)', () => broker.stop());
    broker = await timed('warm start (data reused, no format)', () => startKafkaBroker(OPTS));
    const kafka2 = new Kafka({ clientId: 'smoke2', brokers: [broker.brokers], logLevel: logLevel.WARN });
    const p2 = kafka2.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await p2.connect();
    await p2.send({ topic: TOPIC, messages: [{ key: 'cust-7', value: 'after-restart' }] });
    await p2.disconnect();
    const second = await consume(kafka2, 1, 3000);
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
