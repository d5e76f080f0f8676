import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORT_OFFSET, startKafkaBroker, type KafkaBrokerHandle } from '@oms/local-infra';
import { ensureTopics, KafkaClient, kafkaSecurityFrom } from '../src';

// A broker of its own, beside the suite's plaintext one: SASL_PLAINTEXT with SCRAM-SHA-512 only
// (ports x94/x95 never meet the test profile's x92/x93 under any OMS_PORT_OFFSET of whole hundreds).
const port = 19094 + PORT_OFFSET;
const controllerPort = 19095 + PORT_OFFSET;
const user = { username: 'oms-service', password: randomUUID() };
const variables = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: user.username, KAFKA_SASL_PASSWORD: user.password };

describe('Kafka over SASL SCRAM-SHA-512 (real broker)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'oms-kafka-scram-'));
  let broker: KafkaBrokerHandle;

  beforeAll(async () => {
    broker = await startKafkaBroker({ dataDir, port, controllerPort, heapMb: 256, scram: user, readyTimeoutMs: 90_000 });
  }, 120_000);
  afterAll(async () => {
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates topics, produces and consumes with the credentials of the KAFKA_SASL_* variables', async () => {
    const security = kafkaSecurityFrom(variables);
    const topic = `it.scram.${randomUUID().slice(0, 8)}`;
    expect(await ensureTopics([broker.brokers], [{ name: topic, partitions: 1, compacted: false }], security)).toEqual([topic]);
    const client = new KafkaClient({ clientId: 'scram-it', brokers: [broker.brokers], groupId: 'scram-it', security });
    await client.onModuleInit();
    // The service's own group consumer (@platformatic/kafka), under a group of its own.
    const consumer = new KafkaClient({ clientId: 'scram-it', brokers: [broker.brokers], groupId: `scram-it-${randomUUID()}`, security }).createConsumer();
    try {
      await client.producer.send({ messages: [{ topic, key: 'k', value: Buffer.from('hello over SCRAM') }] });
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      const received = new Promise<string>((resolve) => stream.once('data', (message) => resolve(message.value.toString())));
      expect(await received).toBe('hello over SCRAM');
    } finally {
      await consumer.close(true);
      await client.onApplicationShutdown();
    }
  });

  it('is refused with a wrong password, and a plaintext client never gets in', async () => {
    const wrong = kafkaSecurityFrom({ ...variables, KAFKA_SASL_PASSWORD: 'not-the-password' });
    await expect(ensureTopics([broker.brokers], [], wrong)).rejects.toThrow(/SASL authentication failed/);
    const plaintext = new KafkaClient({ clientId: 'plain-it', brokers: [broker.brokers], groupId: 'plain-it', connectTimeoutMs: 3000 });
    await expect(plaintext.onModuleInit()).rejects.toThrow(/unreachable/);
  });
});
