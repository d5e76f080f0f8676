import { fixtures } from '@oms/contracts';
import type { KafkaClient } from '../module/kafka-client.service';
import { EventPublisher } from './event-publisher.service';

describe('EventPublisher', () => {
  it('sends one acks=-1 batch grouped by topic, keeping input order and envelope headers', async () => {
    const sendBatch = jest.fn(async () => []);
    const publisher = new EventPublisher({ producer: { sendBatch } } as unknown as KafkaClient);
    const [a1, b1, a2] = [fixtures.orderCreated(), fixtures.orderDue(), fixtures.orderReleased()];

    await publisher.publish([
      { topic: 'a', key: 'k1', envelope: a1 },
      { topic: 'b', key: 'k2', envelope: b1 },
      { topic: 'a', key: 'k1', envelope: a2 },
    ]);

    expect(sendBatch).toHaveBeenCalledTimes(1);
    const [{ acks, topicMessages }] = sendBatch.mock.calls[0] as unknown as [{ acks: number; topicMessages: { topic: string; messages: { key: string; value: string; headers: object }[] }[] }];
    expect(acks).toBe(-1);
    expect(topicMessages.map((t) => t.topic)).toEqual(['a', 'b']);
    expect(topicMessages[0]?.messages.map((m) => JSON.parse(m.value).id)).toEqual([a1.id, a2.id]);
    expect(topicMessages[0]?.messages[0]).toMatchObject({
      key: 'k1',
      headers: { ce_type: a1.type, ce_id: a1.id, correlationid: a1.correlationid },
    });
  });

  it('sends nothing for an empty list', async () => {
    const sendBatch = jest.fn();
    await new EventPublisher({ producer: { sendBatch } } as unknown as KafkaClient).publish([]);
    expect(sendBatch).not.toHaveBeenCalled();
  });
});
