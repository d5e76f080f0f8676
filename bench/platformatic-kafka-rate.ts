import { randomUUID } from 'node:crypto';
import { Admin, Consumer, MessagesStreamModes, Producer, ProduceAcks, stringDeserializers, stringSerializers } from '@platformatic/kafka';

const ENVELOPE_PADDING = 'x'.repeat(900); // the same ~1 KB message as the kafkajs measurement

/**
 * The kafkajs raw-limit measurement, with @platformatic/kafka (the maintained pure-JavaScript
 * client the throughput issue asks us to weigh): produce `count` messages (acks all, idempotent,
 * 1,000 per send) on a fresh 6-partition topic and time until one consumer group has read them all.
 */
export async function measurePlatformaticKafka(brokers: string[], count = 50_000): Promise<number> {
  const topic = `bench.raw-platformatic-${Date.now()}.v1`;
  const admin = new Admin({ clientId: 'bench-raw-platformatic', bootstrapBrokers: brokers });
  await admin.createTopics({ topics: [topic], partitions: 6, replicas: 1 });
  const producer = new Producer({ clientId: 'bench-raw-platformatic', bootstrapBrokers: brokers, serializers: stringSerializers, idempotent: true, acks: ProduceAcks.ALL });
  const consumer = new Consumer({
    clientId: 'bench-raw-platformatic', groupId: `bench-raw-platformatic-${Date.now()}`, bootstrapBrokers: brokers, deserializers: stringDeserializers, maxWaitTime: 100,
  });
  try {
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: true });
    let seen = 0;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', () => { seen += 1; if (seen >= count) resolve(); });
      stream.on('error', reject);
    });
    const begun = performance.now();
    for (let sent = 0; sent < count; sent += 1000) {
      const messages = Array.from({ length: Math.min(1000, count - sent) }, () => {
        const id = randomUUID();
        return { topic, key: id, value: JSON.stringify({ id, type: 'bench.raw.v1', data: { padding: ENVELOPE_PADDING } }) };
      });
      await producer.send({ messages });
    }
    await done;
    const ms = performance.now() - begun;
    await stream.close();
    return (count / ms) * 1000;
  } finally {
    await Promise.allSettled([consumer.close(true), producer.close()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.close();
  }
}
