import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { measurePlatformaticKafka } from './platformatic-kafka-rate';

/** What the machine's parts can do on their own, measured in the same run as a benchmark. */
export interface RawLimits {
  /** kafkajs messages/s, produced (acks -1, idempotent) and consumed by one group, envelope-sized. */
  kafkaPerSecond: number;
  /** The same with @platformatic/kafka, the maintained client weighed against kafkajs. */
  platformaticKafkaPerSecond: number;
  /** PostgreSQL one-row INSERT transactions/s from one client. */
  pgOneRowTxPerSecond: number;
  /** PostgreSQL rows/s inserted 500 per statement. */
  pgBatchedRowsPerSecond: number;
}

const ENVELOPE_PADDING = 'x'.repeat(900); // an order event is about 1 KB of JSON

/** Produces `count` messages on a fresh 6-partition topic and times until one consumer group has read them all. */
export async function measureKafka(brokers: string[], count = 50_000): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.raw-${Date.now()}.v1`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: false });
  // A loaded broker may take a while to elect leaders: wait until metadata names all six partitions.
  for (let tries = 0; ; tries += 1) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    if (metadata?.topics[0]?.partitions.every((p) => p.leader >= 0) && metadata.topics[0].partitions.length === 6) break;
    if (tries >= 60) throw new Error(`topic ${topic} has no leaders after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${Date.now()}`, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let allSeen!: () => void;
  const done = new Promise<void>((resolve) => { allSeen = resolve; });
  await consumer.run({ eachBatch: async ({ batch }) => { seen += batch.messages.length; if (seen >= count) allSeen(); } });
  const begun = performance.now();
  for (let sent = 0; sent < count; sent += 1000) {
    const messages = Array.from({ length: Math.min(1000, count - sent) }, () => {
      const id = randomUUID();
      return { key: id, value: JSON.stringify({ id, type: 'bench.raw.v1', data: { padding: ENVELOPE_PADDING } }) };
    });
    await producer.send({ topic, acks: -1, messages });
  }
  await done;
  const ms = performance.now() - begun;
  await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return (count / ms) * 1000;
}

/** One-row autocommit INSERTs from one client for `ms`, then 500-row INSERTs for `count` rows. */
export async function measurePostgres(url: string, ms = 3_000, count = 100_000): Promise<{ oneRow: number; batched: number }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY, payload jsonb NOT NULL)');
    await db.query('TRUNCATE bench_raw');
    const payload = JSON.stringify({ padding: ENVELOPE_PADDING });
    let rows = 0;
    const begun = performance.now();
    while (performance.now() - begun < ms) {
      await db.query('INSERT INTO bench_raw (id, payload) VALUES (gen_random_uuid(), $1::jsonb)', [payload]);
      rows += 1;
    }
    const oneRow = (rows / (performance.now() - begun)) * 1000;
    const batchBegun = performance.now();
    for (let done = 0; done < count; done += 500) {
      await db.query('INSERT INTO bench_raw (id, payload) SELECT gen_random_uuid(), $1::jsonb FROM generate_series(1, $2)', [payload, Math.min(500, count - done)]);
    }
    const batched = (count / (performance.now() - batchBegun)) * 1000;
    await db.query('DROP TABLE bench_raw');
    return { oneRow, batched };
  } finally {
    await db.end();
  }
}

/** Each limit, or NaN (printed as such) when its measurement failed: a benchmark should still report its own figures. */
export async function measureRawLimits(brokers: string[], databaseUrl: string): Promise<RawLimits> {
  const kafkaPerSecond = await measureKafka(brokers).catch((error: unknown) => { console.log(`  kafka raw limit failed: ${String(error)}`); return NaN; });
  const platformaticKafkaPerSecond = await measurePlatformaticKafka(brokers)
    .catch((error: unknown) => { console.log(`  @platformatic/kafka raw limit failed: ${String(error)}`); return NaN; });
  const { oneRow, batched } = await measurePostgres(databaseUrl)
    .catch((error: unknown) => { console.log(`  PostgreSQL raw limit failed: ${String(error)}`); return { oneRow: NaN, batched: NaN }; });
  return { kafkaPerSecond, platformaticKafkaPerSecond, pgOneRowTxPerSecond: oneRow, pgBatchedRowsPerSecond: batched };
}

export function printRawLimits(limits: RawLimits): void {
  const f = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`  raw limits, same run: kafkajs produce->consume ${f(limits.kafkaPerSecond)} msg/s; PostgreSQL ${f(limits.pgOneRowTxPerSecond)} one-row tx/s (one client), ${f(limits.pgBatchedRowsPerSecond)} rows/s in batches of 500`);
  const ratio = limits.platformaticKafkaPerSecond / limits.kafkaPerSecond;
  console.log(`  @platformatic/kafka, same run and messages: ${f(limits.platformaticKafkaPerSecond)} msg/s = ${ratio.toFixed(2)}x kafkajs`);
}
