import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { ProtocolError } from '@platformatic/kafka';
import type { KafkaClient } from '../module/kafka-client.service';
import { resolveKafkaOptions } from '../module/kafka-module-options.interface';
import type { EventMessageProcessor, IncomingMessage } from './event-message.processor';
import { KafkaConsumerHost } from './kafka-consumer.host';
import type { KafkaListenerExplorer } from './kafka-listener.explorer';

const TOPIC = 'orders.order.v1';

class FakeStream extends EventEmitter {
  paused = false;
  pause() { this.paused = true; return this; }
  resume() { this.paused = false; return this; }
  isPaused() { return this.paused; }
  async close() { this.emit('close'); }
  deliver(partition: number, offset: number) {
    this.emit('data', { topic: TOPIC, partition, offset: BigInt(offset), leaderEpoch: 0, key: 'k', value: Buffer.from('{}'), headers: new Map() });
  }
}

/** A @platformatic/kafka consumer stand-in: joins at once with the given partitions, records commits. */
class FakeConsumer extends EventEmitter {
  readonly stream = new FakeStream();
  readonly commits: string[] = [];
  closed = false;
  refuseCommits = false;
  constructor(private readonly partitions: number[]) { super(); }
  async consume() { this.join(this.partitions); return this.stream; }
  join(partitions: number[]) { this.emit('consumer:group:join', { assignments: [{ topic: TOPIC, partitions }] }); }
  isActive() { return !this.closed; }
  async commit({ offsets }: { offsets: { partition: number; offset: bigint }[] }) {
    if (this.refuseCommits) throw new ProtocolError('REBALANCE_IN_PROGRESS');
    this.commits.push(...offsets.map((o) => `${o.partition}@${o.offset}`));
  }
  async close() { this.closed = true; }
}

/** A processor whose batches finish when the test says so. */
function gatedProcessor() {
  const batches: { offsets: string[]; finish: (error?: Error) => void }[] = [];
  const processor = {
    processBatch: (messages: IncomingMessage[]) => new Promise<void>((resolve, reject) => {
      batches.push({ offsets: messages.map((m) => `${m.context.partition}@${m.context.offset}`), finish: (error) => (error ? reject(error) : resolve()) });
    }),
  } as unknown as EventMessageProcessor;
  return { processor, batches };
}

function host(consumers: FakeConsumer[], processor = {} as EventMessageProcessor, partitions = [0, 1], consume = true) {
  const client = {
    options: resolveKafkaOptions({ clientId: 'orders', groupId: 'orders', brokers: ['x:1'], maxBatchSize: 2, consume }),
    createConsumer: () => { const c = new FakeConsumer(partitions); consumers.push(c); return c; },
  } as unknown as KafkaClient;
  const explorer = { explore: () => new Map([[TOPIC, async () => []]]) } as unknown as KafkaListenerExplorer;
  return new KafkaConsumerHost(client, explorer, processor);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KafkaConsumerHost', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('joins no group and takes no message when consuming is off (KAFKA_CONSUME=false)', async () => {
    const consumers: FakeConsumer[] = [];
    const subject = host(consumers, {} as EventMessageProcessor, [0, 1], false);
    await subject.onApplicationBootstrap();
    expect(consumers).toHaveLength(0);
    expect(subject.topics).toEqual([TOPIC]);
    expect(subject.crashed).toBeUndefined();
    await subject.onModuleDestroy();
  });

  it('hands chunks of one topic to the handler, one per partition at a time, and commits each chunk\'s next offsets', async () => {
    const consumers: FakeConsumer[] = [];
    const { processor, batches } = gatedProcessor();
    const subject = host(consumers, processor);
    await subject.onApplicationBootstrap();
    const { stream } = consumers[0]!;
    [0, 1, 2].forEach((offset) => stream.deliver(0, offset));
    stream.deliver(1, 0);
    await settle();
    expect(batches.map((b) => b.offsets)).toEqual([['0@0', '0@1']]); // partitionsConcurrency 1, maxBatchSize 2
    batches[0]!.finish();
    await settle();
    expect(consumers[0]!.commits).toEqual(['0@2']);
    // The partition that waited comes first, topped up from the other one: one transaction for both.
    expect(batches.map((b) => b.offsets)).toEqual([['0@0', '0@1'], ['1@0', '0@2']]);
    stream.deliver(0, 1); // re-read after a rejoin: already queued once, dropped
    batches[1]!.finish();
    await settle();
    expect(consumers[0]!.commits).toEqual(['0@2', '1@1', '0@3']);
    expect(batches).toHaveLength(2);
  });

  it('hands a chunk\'s messages of a partition still owned out again when another of its partitions is revoked mid-chunk', async () => {
    const consumers: FakeConsumer[] = [];
    const { processor, batches } = gatedProcessor();
    const subject = host(consumers, processor);
    await subject.onApplicationBootstrap();
    const consumer = consumers[0]!;
    consumer.stream.deliver(0, 0);
    consumer.stream.deliver(1, 0);
    await settle();
    expect(batches.map((b) => b.offsets)).toEqual([['0@0', '1@0']]);
    consumer.join([1]);
    batches[0]!.finish(new Error('partition 0 was revoked')); // the processor gives up once the chunk's signal fires
    await settle();
    expect(subject.crashed).toBeUndefined();
    expect(consumer.commits).toEqual([]);
    expect(batches.map((b) => b.offsets)).toEqual([['0@0', '1@0'], ['1@0']]);
    batches[1]!.finish();
    await settle();
    expect(consumer.commits).toEqual(['1@1']);
  });

  it('drops the queued messages of a revoked partition and commits nothing for its chunk in flight', async () => {
    const consumers: FakeConsumer[] = [];
    const { processor, batches } = gatedProcessor();
    const subject = host(consumers, processor);
    await subject.onApplicationBootstrap();
    const consumer = consumers[0]!;
    [0, 1, 2, 3].forEach((offset) => consumer.stream.deliver(0, offset));
    consumer.stream.deliver(1, 5);
    await settle();
    consumer.join([1]);
    batches[0]!.finish();
    await settle();
    expect(consumer.commits).toEqual([]);
    expect(batches.map((b) => b.offsets)).toEqual([['0@0', '0@1'], ['1@5']]);
    consumer.stream.deliver(0, 4); // a late message of the revoked partition
    batches[1]!.finish();
    await settle();
    expect(consumer.commits).toEqual(['1@6']);
    expect(batches).toHaveLength(2);
  });

  it('takes a commit refused by a rebalance as no crash', async () => {
    const consumers: FakeConsumer[] = [];
    const { processor, batches } = gatedProcessor();
    const subject = host(consumers, processor);
    await subject.onApplicationBootstrap();
    consumers[0]!.refuseCommits = true;
    consumers[0]!.stream.deliver(0, 0);
    await settle();
    batches[0]!.finish();
    await settle();
    expect(subject.crashed).toBeUndefined();
    expect(consumers).toHaveLength(1);
  });

  describe('after a crash', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('rejoins the group with a fresh consumer, after the crashed one closed', async () => {
      const consumers: FakeConsumer[] = [];
      const subject = host(consumers);
      await subject.onApplicationBootstrap();
      consumers[0]!.stream.emit('error', new Error('The coordinator is not aware of this member'));
      expect(subject.crashed?.message).toContain('coordinator');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(consumers[0]!.closed).toBe(true);
      expect(consumers).toHaveLength(2);
      expect(subject.crashed).toBeUndefined();
    });

    it('does not restart once the service is stopping', async () => {
      const consumers: FakeConsumer[] = [];
      const subject = host(consumers);
      await subject.onApplicationBootstrap();
      consumers[0]!.emit('error', new Error('joinGroup failed'));
      await subject.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(consumers).toHaveLength(1);
    });
  });

  it('on stop lets the chunk in flight finish and commit, then leaves the group', async () => {
    const consumers: FakeConsumer[] = [];
    const { processor, batches } = gatedProcessor();
    const subject = host(consumers, processor);
    await subject.onApplicationBootstrap();
    [0, 1, 2].forEach((offset) => consumers[0]!.stream.deliver(0, offset));
    await settle();
    const stopped = subject.onModuleDestroy();
    await settle();
    expect(consumers[0]!.closed).toBe(false);
    batches[0]!.finish();
    await stopped;
    expect(consumers[0]!.commits).toEqual(['0@2']);
    expect(batches).toHaveLength(1);
    expect(consumers[0]!.closed).toBe(true);
  });
});
