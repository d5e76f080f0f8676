import type { EventEnvelope } from '@oms/contracts';
import { compatibilityPartitioner, ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';

/**
 * Publishes envelopes as an upstream service would (key = subject unless
 * given; the Java client's murmur2 partitioner, as the services' producers use),
 * for tests that drive one service through its input topics.
 */
export async function publishTestEvents(topic: string, envelopes: EventEnvelope[], key?: (e: EventEnvelope) => string): Promise<void> {
  const producer = new Producer({
    clientId: 'test-producer', bootstrapBrokers: process.env['KAFKA_BROKERS']!.split(','), serializers: stringSerializers,
    partitioner: compatibilityPartitioner, acks: ProduceAcks.ALL,
  });
  try {
    await producer.send({
      messages: envelopes.map((envelope) => ({ topic, key: key ? key(envelope) : envelope.subject, value: JSON.stringify(envelope) })),
    });
  } finally {
    await producer.close();
  }
}
