import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import { KafkaClient } from '../module/kafka-client.service';
import { readableKafkaError } from '../module/kafka-error.util';
import { headersOf } from './event-headers';

/** One event to publish. */
export interface OutgoingEvent {
  topic: string;
  /** Partition key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  envelope: EventEnvelope;
}

/**
 * Publishes envelopes and resolves only once every in-sync replica has them
 * (acks -1). Application code should not call it from a request: write to the
 * outbox instead; the outbox relay is its main caller.
 */
@Injectable()
export class EventPublisher {
  constructor(private readonly client: KafkaClient) {}

  /**
   * Sends `messages` in one produce request per broker. Messages with the same
   * key keep their input order (same partition, idempotent producer, and the
   * next send waits for this one).
   * @throws an error naming the broker's reason when it does not acknowledge every message.
   */
  async publish(messages: readonly OutgoingEvent[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map(({ topic, key, envelope }) => ({
      topic, key, value: Buffer.from(JSON.stringify(envelope)), headers: headersOf(envelope),
    }));
    try {
      await this.client.producer.send({ messages: records });
    } catch (error) {
      throw readableKafkaError(error);
    }
  }
}
