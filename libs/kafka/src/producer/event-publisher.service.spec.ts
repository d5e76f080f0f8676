import { fixtures } from '@oms/contracts';
import type { KafkaClient } from '../module/kafka-client.service';
import { EventPublisher } from './event-publisher.service';

describe('EventPublisher', () => {
  it('sends one request with every message in input order, keyed, with the envelope headers', async () => {
    const send = jest.fn(async () => ({}));
    const publisher = new EventPublisher({ producer: { send } } as unknown as KafkaClient);
    const [a1, b1, a2] = [fixtures.orderCreated(), fixtures.orderDue(), fixtures.orderReleased()];

    await publisher.publish([
      { topic: 'a', key: 'k1', envelope: a1 },
      { topic: 'b', key: 'k2', envelope: b1 },
      { topic: 'a', key: 'k1', envelope: a2 },
    ]);

    expect(send).toHaveBeenCalledTimes(1);
    const [{ messages }] = send.mock.calls[0] as unknown as [{ messages: { topic: string; key: string; value: Buffer; headers: object }[] }];
    expect(messages.map((m) => [m.topic, JSON.parse(m.value.toString()).id])).toEqual([['a', a1.id], ['b', b1.id], ['a', a2.id]]);
    expect(messages[0]).toMatchObject({ key: 'k1', headers: { ce_type: a1.type, ce_id: a1.id, correlationid: a1.correlationid } });
  });

  it('sends nothing for an empty list', async () => {
    const send = jest.fn();
    await new EventPublisher({ producer: { send } } as unknown as KafkaClient).publish([]);
    expect(send).not.toHaveBeenCalled();
  });

  it('rethrows a refused send with the broker reason in its message', async () => {
    const refused = new AggregateError([new Error('message larger than the max message size')], 'Producing messages failed.');
    const send = jest.fn(async () => { throw refused; });
    await expect(new EventPublisher({ producer: { send } } as unknown as KafkaClient).publish([
      { topic: 'a', key: 'k', envelope: fixtures.orderCreated() },
    ])).rejects.toThrow('Producing messages failed.: message larger than the max message size');
  });
});
