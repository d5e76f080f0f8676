import { Injectable } from '@nestjs/common';
import { deadLetterTopic } from '@oms/contracts';
import type { ListenerContext } from '../consumer/listener-context.interface';
import { KafkaClient } from '../module/kafka-client.service';
import { readableKafkaError } from '../module/kafka-error.util';

/** Headers a dead letter carries besides the original message's own headers. */
export const DeadLetterHeaders = {
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

/** A message that cannot be processed, with why. */
export interface DeadLetter {
  context: ListenerContext;
  /** The original value, byte for byte, so it can be inspected or replayed. */
  value: Buffer | null;
  /** Readable reason, e.g. `not valid JSON: ...` or `retries exhausted: ...`. */
  error: string;
}

/** Publishes to `<topic>.dlq`, keeping the original key, value and headers. */
@Injectable()
export class DeadLetterPublisher {
  constructor(private readonly client: KafkaClient) {}

  async publish({ context, value, error }: DeadLetter): Promise<void> {
    const headers: Record<string, string> = {
      ...context.headers,
      [DeadLetterHeaders.error]: error,
      [DeadLetterHeaders.originalTopic]: context.topic,
      [DeadLetterHeaders.originalPartition]: String(context.partition),
      [DeadLetterHeaders.originalOffset]: context.offset,
      [DeadLetterHeaders.consumerGroup]: this.client.options.groupId,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    const message = {
      topic: deadLetterTopic(context.topic),
      // A key-less original stays key-less; a null value (a tombstone) stays null.
      ...(context.key !== null && { key: context.key }),
      ...(value !== null && { value }),
      headers,
    };
    try {
      await this.client.producer.send({ messages: [message] }); // acks from every in-sync replica (idempotent producer)
    } catch (error) {
      throw readableKafkaError(error);
    }
  }
}
