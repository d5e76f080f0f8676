import { randomUUID } from 'node:crypto';
import { deadLetterTopic, type EventEnvelope } from '@oms/contracts';
import { ensureTopics } from '@oms/kafka';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { brokersFromEnv } from './proof-app';

/** A fresh topic (and its `.dlq`) for one test file, so files never see each other's messages. */
export async function createTestTopic(label: string, partitions = 3): Promise<string> {
  const topic = `it.${label}.${randomUUID().slice(0, 8)}.v1`;
  await ensureTopics(brokersFromEnv(), [
    { name: topic, partitions, compacted: false },
    { name: deadLetterTopic(topic), partitions: 1, compacted: false },
  ]);
  return topic;
}

const kafka = () => new Kafka({ clientId: 'proof-test', brokers: brokersFromEnv(), logLevel: logLevel.NOTHING });

/** A plain producer for writing test input (duplicates, malformed values) straight to a topic. */
export async function connectTestProducer(): Promise<Producer> {
  const producer = kafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return producer;
}

/** Sends raw values (strings or envelopes) with one key, in order, to one partition. */
export async function sendRaw(producer: Producer, topic: string, key: string, values: (string | EventEnvelope)[]): Promise<void> {
  const messages = values.map((v) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  await producer.send({ topic, acks: -1, messages });
}

/** A message as read back from a topic. */
export interface ReadMessage {
  partition: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads `topic` from the beginning with a throw-away group until `count` messages arrived. */
export async function readTopic(topic: string, count: number, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const consumer = kafka().consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => { done = resolve; });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        messages.push({ partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
        if (messages.length >= count) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${count} messages from ${topic}`)), timeoutMs);
    });
    await Promise.race([enough, timeout]).finally(() => clearTimeout(timer));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}


/** Messages currently stored in `topic` (sum over partitions of high - low watermark). */
export async function countMessages(topic: string): Promise<number> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
