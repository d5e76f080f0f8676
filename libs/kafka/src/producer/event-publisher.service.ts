import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import { KafkaClient } from '../module/kafka-client.service';
import { readableKafkaError } from '../module/kafka-error.util';
import { headersOf, type HeaderAttributes } from './event-headers';

/** One event to publish. */
export interface OutgoingEvent {
  topic: string;
  /** Partition key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  envelope: EventEnvelope;
}

/**
 * One event already serialized, as the outbox stores it: its envelope as JSON text and the attributes the
 * headers carry. The relay sends it as it is, without parsing the envelope and serializing it again.
 */
export interface EncodedEvent {
  topic: string;
  key: string;
  /** The envelope as JSON. */
  value: string;
  attributes: HeaderAttributes;
}

/**
 * Publishes envelopes and resolves only once every in-sync replica has them
 * (acks -1). Application code should not call it from a request: write to the
 * outbox instead; the outbox relay is its main caller (publishEncoded).
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
    await this.publishEncoded(messages.map(({ topic, key, envelope }) => ({ topic, key, value: JSON.stringify(envelope), attributes: envelope })));
  }

  /** {@link publish} for events serialized already (the outbox's rows), with the same guarantees. */
  async publishEncoded(messages: readonly EncodedEvent[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map(({ topic, key, value, attributes }) => ({
      topic, key, value: Buffer.from(value), headers: headersOf(attributes),
    }));
    try {
      await this.client.producer.send({ messages: records });
    } catch (error) {
      throw readableKafkaError(error);
    }
  }
}
