import { randomUUID } from 'node:crypto';
import { parseEnvelope, type EventEnvelope } from '@oms/contracts';
import { Consumer, MessagesStreamModes, type Message, type MessagesStream } from '@platformatic/kafka';
import { waitFor } from './wait-for';

type RawMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/**
 * Reads a topic from the beginning in its own consumer group and keeps every
 * event, so a test can assert what a service published. Each record is kept
 * once, by topic, partition and offset, even if a rebalance hands it out again.
 */
export class EventCollector {
  readonly events: EventEnvelope[] = [];
  private readonly seen = new Set<string>();
  private unreadable?: Error;
  private constructor(private readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>, private stream?: MessagesStream<Buffer, Buffer, Buffer, Buffer>) {}

  static async start(topics: string[]): Promise<EventCollector> {
    const consumer = new Consumer({
      clientId: 'test-collector', groupId: `test-collector-${randomUUID()}`, bootstrapBrokers: process.env['KAFKA_BROKERS']!.split(','), maxWaitTime: 200,
    });
    const collector = new EventCollector(consumer);
    try {
      collector.stream = await consumer.consume({ topics, mode: MessagesStreamModes.EARLIEST, autocommit: false });
    } catch (error) {
      await consumer.close(true);
      throw error;
    }
    collector.stream.on('data', (message: RawMessage) => collector.keep(message));
    return collector;
  }

  private keep(message: RawMessage): void {
    const position = `${message.topic}:${message.partition}:${message.offset}`;
    if (this.seen.has(position)) return;
    this.seen.add(position);
    try {
      this.events.push(parseEnvelope(message.value));
    } catch (error) {
      this.unreadable ??= new Error(`unreadable event at ${position}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Events matching `predicate`, once at least `count` of them arrived. */
  async waitFor(predicate: (event: EventEnvelope) => boolean, count = 1, timeoutMs = 20000): Promise<EventEnvelope[]> {
    const matching = () => (this.unreadable ? Promise.reject(this.unreadable) : Promise.resolve(this.events.filter(predicate)));
    return waitFor(matching, (found) => found.length >= count, { timeoutMs, what: `${count} matching event(s)` });
  }

  async stop(): Promise<void> {
    await this.stream?.close();
    await this.consumer.close(true);
  }
}
