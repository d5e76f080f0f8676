import { Injectable } from '@nestjs/common';
import { deadLetterTopic } from '@oms/contracts';
import type { IHeaders } from 'kafkajs';
import type { ListenerContext } from '../consumer/listener-context.interface';
import { KafkaClient } from '../module/kafka-client.service';

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
    const headers: IHeaders = {
      ...context.headers,
      [DeadLetterHeaders.error]: error,
      [DeadLetterHeaders.originalTopic]: context.topic,
      [DeadLetterHeaders.originalPartition]: String(context.partition),
      [DeadLetterHeaders.originalOffset]: context.offset,
      [DeadLetterHeaders.consumerGroup]: this.client.options.groupId,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    await this.client.producer.send({
      topic: deadLetterTopic(context.topic),
      acks: -1,
      messages: [{ key: context.key, value, headers }],
    });
  }
}
