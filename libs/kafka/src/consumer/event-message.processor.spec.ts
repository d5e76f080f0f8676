import { Logger } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import type { KafkaClient } from '../module/kafka-client.service';
import { resolveKafkaOptions } from '../module/kafka-module-options.interface';
import type { DeadLetter, DeadLetterPublisher } from '../producer/dead-letter.publisher';
import { EventMessageProcessor, type IncomingMessage } from './event-message.processor';
import { PermanentEventError } from './permanent-event.error';
import { takingOnly } from './taking-only';

const options = resolveKafkaOptions({ clientId: 't', brokers: ['x:1'], groupId: 'g', handlerRetries: 3, retryBaseDelayMs: 1 });

function setup() {
  const deadLetters: DeadLetter[] = [];
  const publisher = { publish: jest.fn(async (letter: DeadLetter) => { deadLetters.push(letter); }) };
  const processor = new EventMessageProcessor({ options } as KafkaClient, publisher as unknown as DeadLetterPublisher);
  const control = { heartbeat: jest.fn(async () => undefined), signal: new AbortController().signal };
  return { processor, deadLetters, control };
}

function message(value: string): IncomingMessage {
  return { context: { topic: 't.v1', partition: 0, offset: '7', key: 'k', headers: {} }, value: Buffer.from(value) };
}

const valid = () => message(JSON.stringify(fixtures.orderCreated()));

describe('EventMessageProcessor', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('hands a valid envelope to the handler once and dead-letters nothing', async () => {
    const { processor, deadLetters, control } = setup();
    const handler = jest.fn(async () => undefined);
    await processor.process(valid(), handler, control);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]).toEqual([expect.objectContaining({ type: 'orders.order.created.v1' }), expect.objectContaining({ offset: '7' })]);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters bad JSON with the parse error and never calls the handler', async () => {
    const { processor, deadLetters, control } = setup();
    const handler = jest.fn(async () => undefined);
    await processor.process(message('{not json'), handler, control);
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.error).toMatch(/^malformed: not valid JSON/);
    expect(deadLetters[0]?.value?.toString()).toBe('{not json');
  });

  it('dead-letters an envelope whose data breaks the contract, naming the field', async () => {
    const { processor, deadLetters, control } = setup();
    const bad = fixtures.orderCreated();
    (bad.data as unknown as Record<string, unknown>)['orderId'] = 42;
    await processor.process(message(JSON.stringify(bad)), jest.fn(), control);
    expect(deadLetters[0]?.error).toMatch(/^malformed: .*data\.orderId/);
  });

  it('dead-letters a PermanentEventError at once, without retrying', async () => {
    const { processor, deadLetters, control } = setup();
    const handler = jest.fn(async () => { throw new PermanentEventError('unknown product'); });
    await processor.process(valid(), handler, control);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(deadLetters[0]?.error).toBe('permanent: unknown product');
  });

  it('retries a transient failure with heartbeats until it succeeds', async () => {
    const { processor, deadLetters, control } = setup();
    const handler = jest.fn().mockRejectedValueOnce(new Error('db busy')).mockResolvedValueOnce(undefined);
    await processor.process(valid(), handler, control);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(control.heartbeat).toHaveBeenCalledTimes(1);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters after handlerRetries retries so the partition moves on', async () => {
    const { processor, deadLetters, control } = setup();
    const handler = jest.fn(async () => { throw new Error('db down'); });
    await processor.process(valid(), handler, control);
    expect(handler).toHaveBeenCalledTimes(1 + options.handlerRetries);
    expect(deadLetters[0]?.error).toBe('retries exhausted: db down');
  });

  it('rethrows without dead-lettering when the consumer is stopping', async () => {
    const { processor, deadLetters } = setup();
    const stop = new AbortController();
    const handler = jest.fn(async () => { stop.abort(new Error('stopping')); throw new Error('db down'); });
    await expect(processor.process(valid(), handler, { heartbeat: async () => undefined, signal: stop.signal }))
      .rejects.toThrow('db down');
    expect(deadLetters).toEqual([]);
  });

  it('rethrows the heartbeat error (the partition was revoked) instead of dead-lettering', async () => {
    const { processor, deadLetters } = setup();
    const rebalance = new Error('partition t.v1:0 was revoked');
    const control = { heartbeat: async () => { throw rebalance; }, signal: new AbortController().signal };
    await expect(processor.process(valid(), jest.fn().mockRejectedValue(new Error('x')), control)).rejects.toBe(rebalance);
    expect(deadLetters).toEqual([]);
  });

  it('rethrows when the dead-letter topic cannot be written, so the offset is not committed', async () => {
    const { control } = setup();
    const failing = new EventMessageProcessor({ options } as KafkaClient, {
      publish: async () => { throw new Error('dlq down'); },
    } as unknown as DeadLetterPublisher);
    await expect(failing.process(message('nope'), jest.fn(), control)).rejects.toThrow('dlq down');
  });

  describe('a handler taking only some types', () => {
    const withType = (value: string, type?: string, topic = 'orders.order.v1'): IncomingMessage => {
      const incoming = message(value);
      return { ...incoming, context: { ...incoming.context, topic, headers: type === undefined ? {} : { ce_type: type } } };
    };
    const created = JSON.stringify(fixtures.orderCreated());

    it('skips a message whose ce_type header names another type of its topic, unparsed: even a malformed one is not dead-lettered', async () => {
      const { processor, deadLetters, control } = setup();
      const inner = jest.fn(async () => []);
      await processor.processBatch([withType('{not json', 'orders.order.reserved.v1'), withType(created, 'orders.order.created.v1')],
        takingOnly(['orders.order.created.v1'], inner), control);
      expect(inner).toHaveBeenCalledTimes(1);
      expect((inner.mock.calls[0] as unknown[])[0]).toEqual([expect.objectContaining({ envelope: expect.objectContaining({ type: 'orders.order.created.v1' }) })]);
      expect(deadLetters).toEqual([]);
    });

    it('parses a message whose header names a type unknown here or of another topic: the envelope decides, and a malformed one is dead-lettered', async () => {
      const { processor, deadLetters, control } = setup();
      const inner = jest.fn(async () => []);
      await processor.processBatch([
        withType(created, 'shop.order.v7'), // an upstream producer's own name for it
        withType(created, 'fulfillment.reservation.reserved.v1'), // registered, but not on this topic
        withType('{not json', 'shop.order.v7'),
      ], takingOnly(['orders.order.created.v1'], inner), control);
      expect((inner.mock.calls[0] as unknown[])[0]).toHaveLength(2);
      expect(deadLetters.map((letter) => letter.error)).toEqual([expect.stringMatching(/^malformed: not valid JSON/)]);
    });

    it('parses a message without the header, and drops it after parsing when its envelope names another type', async () => {
      const { processor, deadLetters, control } = setup();
      const inner = jest.fn(async () => []);
      await processor.processBatch([withType(created), withType('{not json')], takingOnly(['orders.order.reserved.v1'], inner), control);
      expect(inner).toHaveBeenCalledWith([]);
      expect(deadLetters.map((letter) => letter.error)).toEqual([expect.stringMatching(/^malformed: not valid JSON/)]);
    });

    it('leaves every message to a handler that takes all types', async () => {
      const { processor, deadLetters, control } = setup();
      const handler = jest.fn(async () => []);
      await processor.processBatch([withType(created, 'orders.order.reserved.v1')], handler, control);
      expect(handler).toHaveBeenCalledWith([expect.objectContaining({ envelope: expect.objectContaining({ type: 'orders.order.created.v1' }) })]);
      expect(deadLetters).toEqual([]);
    });
  });
});
