import { randomUUID } from 'node:crypto';
import { parseEnvelope, type EventEnvelope } from '@oms/contracts';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { waitFor } from './wait-for';

/**
 * Reads a topic from the beginning in its own consumer group and keeps every
 * event, so a test can assert what a service published.
 */
export class EventCollector {
  readonly events: EventEnvelope[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[]): Promise<EventCollector> {
    const kafka = new Kafka({ clientId: 'test-collector', brokers: process.env['KAFKA_BROKERS']!.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `test-collector-${randomUUID()}`, maxWaitTimeInMs: 200 });
    const collector = new EventCollector(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        collector.events.push(parseEnvelope(message.value!));
      },
    });
    return collector;
  }

  /** Events matching `predicate`, once at least `count` of them arrived. */
  async waitFor(predicate: (event: EventEnvelope) => boolean, count = 1, timeoutMs = 20000): Promise<EventEnvelope[]> {
    const matching = () => Promise.resolve(this.events.filter(predicate));
    return waitFor(matching, (found) => found.length >= count, { timeoutMs, what: `${count} matching event(s)` });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
