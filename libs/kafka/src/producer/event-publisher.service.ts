import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import type { Message, TopicMessages } from 'kafkajs';
import { KafkaClient } from '../module/kafka-client.service';
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
   * Sends `messages` in one batch request per broker. Messages with the same
   * key keep their input order (same partition, idempotent producer, one
   * request in flight).
   * @throws the kafkajs error when the broker does not acknowledge every message.
   */
  async publish(messages: readonly OutgoingEvent[]): Promise<void> {
    if (messages.length === 0) return;
    await this.client.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
  }
}

/** Groups by topic; a Map keeps both first-seen topic order and each topic's message order. */
function groupByTopic(messages: readonly OutgoingEvent[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, key, envelope } of messages) {
    const batch = byTopic.get(topic) ?? [];
    batch.push({ key, value: JSON.stringify(envelope), headers: headersOf(envelope) });
    byTopic.set(topic, batch);
  }
  return [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages }));
}
