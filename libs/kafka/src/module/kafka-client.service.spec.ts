import { Logger } from '@nestjs/common';
import { KafkaClient } from './kafka-client.service';
import { resolveKafkaOptions } from './kafka-module-options.interface';

describe('KafkaClient', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('fails start-up within connectTimeoutMs with a message naming the unreachable brokers', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const client = new KafkaClient({ clientId: 't', groupId: 'g', brokers: ['127.0.0.1:1'], connectTimeoutMs: 1_500 });
    const started = Date.now();
    await expect(client.onModuleInit()).rejects.toThrow(/^Kafka brokers 127\.0\.0\.1:1 are unreachable/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('resolveKafkaOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveKafkaOptions({ clientId: 'c', groupId: 'g', brokers: [' a:1 ', ''] })).toEqual({
      clientId: 'c', groupId: 'g', brokers: ['a:1'], connectTimeoutMs: 10_000, handlerRetries: 5,
      retryBaseDelayMs: 200, fromBeginning: true, sessionTimeoutMs: 30_000, partitionsConcurrency: 1, maxBatchSize: 50, consume: true, security: {},
    });
  });

  it('rejects an empty broker list', () => {
    expect(() => resolveKafkaOptions({ clientId: 'c', groupId: 'g', brokers: [''] })).toThrow(/at least one/);
  });
});
