import type { EventEnvelope } from '@oms/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/**
 * Publishes envelopes as an upstream service would (key = subject unless
 * given), for tests that drive one service through its input topics.
 */
export async function publishTestEvents(topic: string, envelopes: EventEnvelope[], key?: (e: EventEnvelope) => string): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: process.env['KAFKA_BROKERS']!.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: envelopes.map((envelope) => ({ key: key ? key(envelope) : envelope.subject, value: JSON.stringify(envelope) })),
    });
  } finally {
    await producer.disconnect();
  }
}
