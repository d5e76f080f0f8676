import { EventEmitter } from 'node:events';
import type { KafkaClient } from '../module/kafka-client.service';
import type { EventMessageProcessor } from './event-message.processor';
import { KafkaConsumerHost } from './kafka-consumer.host';
import type { KafkaListenerExplorer } from './kafka-listener.explorer';

/** A kafkajs consumer stand-in that records its lifecycle and lets the test raise CRASH. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH: 'consumer.crash' };
  runs = 0;
  disconnects = 0;
  async connect() {}
  async subscribe() {}
  async run() { this.runs += 1; }
  async disconnect() { this.disconnects += 1; }
  crash(restart: boolean) {
    this.emit(this.events.CRASH, { payload: { error: new Error('The coordinator is not aware of this member'), restart } });
  }
}

function host(consumers: FakeConsumer[]) {
  const client = {
    options: { groupId: 'orders', fromBeginning: true, sessionTimeoutMs: 6000, partitionsConcurrency: 1 },
    kafka: { consumer: () => { const c = new FakeConsumer(); consumers.push(c); return c; } },
  } as unknown as KafkaClient;
  const explorer = { explore: () => new Map([['orders.order.v1', async () => undefined]]) } as unknown as KafkaListenerExplorer;
  return new KafkaConsumerHost(client, explorer, {} as EventMessageProcessor);
}

describe('KafkaConsumerHost', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('rejoins the group with a fresh consumer after a crash kafkajs will not restart', async () => {
    const consumers: FakeConsumer[] = [];
    const subject = host(consumers);
    await subject.onApplicationBootstrap();
    consumers[0]!.crash(false);
    expect(subject.crashed?.message).toContain('coordinator');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumers).toHaveLength(2);
    expect(consumers[1]!.runs).toBe(1);
    expect(subject.crashed).toBeUndefined();
  });

  it('leaves restarts that kafkajs makes itself alone', async () => {
    const consumers: FakeConsumer[] = [];
    const subject = host(consumers);
    await subject.onApplicationBootstrap();
    consumers[0]!.crash(true);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(consumers).toHaveLength(1);
    expect(subject.crashed).toBeUndefined();
  });

  it('does not restart once the service is stopping', async () => {
    const consumers: FakeConsumer[] = [];
    const subject = host(consumers);
    await subject.onApplicationBootstrap();
    consumers[0]!.crash(false);
    await subject.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(consumers).toHaveLength(1);
  });
});
