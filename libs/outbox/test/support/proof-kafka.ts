import { randomUUID } from 'node:crypto';
import { deadLetterTopic, type EventEnvelope } from '@oms/contracts';
import { ensureTopics } from '@oms/kafka';
import {
  Admin, compatibilityPartitioner, Consumer, ListOffsetTimestamps, MessagesStreamModes, ProduceAcks, Producer, stringDeserializers, stringSerializers,
} from '@platformatic/kafka';
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

/** A plain producer of string keys and values, for test input written straight to a topic. */
export type TestProducer = Producer<string, string, string, string>;

/** A plain producer for writing test input (duplicates, malformed values) straight to a topic; `close()` it when done. */
export async function connectTestProducer(): Promise<TestProducer> {
  const producer: TestProducer = new Producer({
    clientId: 'proof-test', bootstrapBrokers: brokersFromEnv(), serializers: stringSerializers, partitioner: compatibilityPartitioner,
  });
  await producer.metadata({ topics: [] }); // connected, as kafkajs' connect() left it
  return producer;
}

/** Sends raw values (strings or envelopes) with one key, in order, to one partition. */
export async function sendRaw(producer: TestProducer, topic: string, key: string, values: (string | EventEnvelope)[]): Promise<void> {
  const messages = values.map((v) => ({ topic, key, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  await producer.send({ messages, acks: ProduceAcks.ALL });
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
  const consumer = new Consumer({
    clientId: 'proof-test', groupId: `reader-${randomUUID()}`, bootstrapBrokers: brokersFromEnv(), deserializers: stringDeserializers, maxWaitTime: 100,
  });
  const messages: ReadMessage[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: false });
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${count} messages from ${topic}`)), timeoutMs);
        stream.on('error', reject);
        stream.on('data', (message) => {
          const headers = Object.fromEntries([...message.headers].map(([k, v]) => [String(k), String(v)]));
          messages.push({ partition: message.partition, key: message.key ?? null, value: message.value ?? null, headers });
          if (messages.length >= count) resolve();
        });
      });
    } finally {
      clearTimeout(timer);
      await stream.close();
    }
    return messages;
  } finally {
    await consumer.close(true);
  }
}

/** Messages currently stored in `topic` (sum over partitions of high - low watermark). */
export async function countMessages(topic: string): Promise<number> {
  const admin = new Admin({ clientId: 'proof-test', bootstrapBrokers: brokersFromEnv() });
  try {
    const { partitionsCount } = (await admin.metadata({ topics: [topic] })).topics.get(topic)!;
    const offsets = (timestamp: bigint) => admin.listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: partitionsCount }, (_, partitionIndex) => ({ partitionIndex, timestamp })) }],
    });
    const [high, low] = await Promise.all([offsets(ListOffsetTimestamps.LATEST), offsets(ListOffsetTimestamps.EARLIEST)]);
    const lowOf = new Map(low[0]!.partitions.map((p) => [p.partitionIndex, p.offset]));
    return high[0]!.partitions.reduce((sum, p) => sum + Number(p.offset - (lowOf.get(p.partitionIndex) ?? 0n)), 0);
  } finally {
    await admin.close();
  }
}
