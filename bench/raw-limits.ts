import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { measurePlatformaticKafka } from './platformatic-kafka-rate';

/** What the machine's parts can do on their own, measured in the same run as a benchmark. */
export interface RawLimits {
  /** kafkajs messages/s, produced (acks -1, idempotent) and consumed by one group, envelope-sized; NaN when it failed. */
  kafkaPerSecond: number;
  /** Why the kafkajs measurement failed (for example a broker it cannot talk to), when it did. */
  kafkajsFailure?: string;
  /** The same with @platformatic/kafka, the maintained client weighed against kafkajs. */
  platformaticKafkaPerSecond: number;
  /** PostgreSQL one-row INSERT transactions/s from one client. */
  pgOneRowTxPerSecond: number;
  /** PostgreSQL rows/s inserted 500 per statement. */
  pgBatchedRowsPerSecond: number;
}

const ENVELOPE_PADDING = 'x'.repeat(900); // an order event is about 1 KB of JSON

/** How long the kafkajs measurement may take before it counts as failed (a client the broker refuses may just wait). */
const KAFKAJS_TIMEOUT_MS = 120_000;

/**
 * Produces `count` messages on a fresh 6-partition topic with kafkajs and times until one consumer group has read them
 * all. kafkajs 2.2.4 (unmaintained) is kept only for this comparison; where it cannot work with the broker (Kafka 4
 * removed old protocol versions) this rejects within {@link KAFKAJS_TIMEOUT_MS} and leaves nothing running.
 */
export async function measureKafka(brokers: string[], count = 50_000): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 2 } });
  const topic = `bench.raw-${Date.now()}.v1`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${Date.now()}`, maxWaitTimeInMs: 100 });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${KAFKAJS_TIMEOUT_MS / 1000} s`)), KAFKAJS_TIMEOUT_MS);
  });
  let created = false;
  const measure = async (): Promise<number> => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: false });
    created = true;
    // A loaded broker may take a while to elect leaders: wait until metadata names all six partitions.
    for (let tries = 0; ; tries += 1) {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      if (metadata?.topics[0]?.partitions.every((p) => p.leader >= 0) && metadata.topics[0].partitions.length === 6) break;
      if (tries >= 60) throw new Error(`topic ${topic} has no leaders after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    let allSeen!: () => void;
    const done = new Promise<void>((resolve) => { allSeen = resolve; });
    // A consumer that crashes (kafkajs gives up, e.g. on an API version the broker no longer serves) fails the measurement.
    const crashed = new Promise<never>((_, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
    });
    crashed.catch(() => undefined); // observed by the race below; no unhandled rejection before it
    await consumer.run({ eachBatch: async ({ batch }) => { seen += batch.messages.length; if (seen >= count) allSeen(); } });
    const begun = performance.now();
    const produceAll = async () => {
      for (let sent = 0; sent < count; sent += 1000) {
        const messages = Array.from({ length: Math.min(1000, count - sent) }, () => {
          const id = randomUUID();
          return { key: id, value: JSON.stringify({ id, type: 'bench.raw.v1', data: { padding: ENVELOPE_PADDING } }) };
        });
        await producer.send({ topic, acks: -1, messages });
      }
      await done;
    };
    const producing = produceAll();
    producing.catch(() => undefined); // a crashed consumer ends the race first; sends failing afterwards change nothing
    await Promise.race([producing, crashed]);
    return (count / (performance.now() - begun)) * 1000;
  };
  const attempt = measure();
  attempt.catch(() => undefined); // when the timeout wins, the attempt fails later as its clients disconnect
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    if (created) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
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
  let kafkajsFailure: string | undefined;
  const kafkaPerSecond = await measureKafka(brokers).catch((error: unknown) => {
    kafkajsFailure = error instanceof Error ? error.message : String(error);
    console.log(`  kafkajs raw limit failed (kafkajs 2.2.4 may not talk to this broker): ${kafkajsFailure}`);
    return NaN;
  });
  const platformaticKafkaPerSecond = await measurePlatformaticKafka(brokers)
    .catch((error: unknown) => { console.log(`  @platformatic/kafka raw limit failed: ${String(error)}`); return NaN; });
  const { oneRow, batched } = await measurePostgres(databaseUrl)
    .catch((error: unknown) => { console.log(`  PostgreSQL raw limit failed: ${String(error)}`); return { oneRow: NaN, batched: NaN }; });
  return { kafkaPerSecond, kafkajsFailure, platformaticKafkaPerSecond, pgOneRowTxPerSecond: oneRow, pgBatchedRowsPerSecond: batched };
}

export function printRawLimits(limits: RawLimits): void {
  const f = (n: number) => Math.round(n).toLocaleString('en');
  const kafkajs = Number.isNaN(limits.kafkaPerSecond)
    ? `kafkajs: not measured (${limits.kafkajsFailure ?? 'failed'})`
    : `kafkajs ${f(limits.kafkaPerSecond)} msg/s`;
  console.log(`  raw limits, same run: ${kafkajs}; PostgreSQL ${f(limits.pgOneRowTxPerSecond)} one-row tx/s (one client), ${f(limits.pgBatchedRowsPerSecond)} rows/s in batches of 500`);
  const ratio = Number.isNaN(limits.kafkaPerSecond) ? '' : ` = ${(limits.platformaticKafkaPerSecond / limits.kafkaPerSecond).toFixed(2)}x kafkajs`;
  console.log(`  @platformatic/kafka (the services' client), same run and messages: ${f(limits.platformaticKafkaPerSecond)} msg/s${ratio}`);
}

/** `part` as a percentage of each Kafka client's produce->consume rate that was measured, e.g. "1.2% of @platformatic/kafka's rate, 1.5% of kafkajs'". */
export function kafkaRatios(perSecond: number, limits: RawLimits): string {
  const pct = (limit: number) => `${(perSecond / limit * 100).toFixed(1)}%`;
  const kafkajs = Number.isNaN(limits.kafkaPerSecond) ? '' : `, ${pct(limits.kafkaPerSecond)} of kafkajs'`;
  return `${pct(limits.platformaticKafkaPerSecond)} of @platformatic/kafka's rate${kafkajs}`;
}
