import { PartitionQueues, type Chunk } from './partition-queues';

interface Queued { topic: string; partition: number; offset: bigint }
const at = (partition: number, offset: number, topic = 't'): Queued => ({ topic, partition, offset: BigInt(offset) });
/** A chunk as `topic partition@offset...` per part, e.g. `t 0@0,1 1@0`. */
const shape = (chunk?: Chunk<Queued>) =>
  chunk && `${chunk.topic} ${chunk.parts.map(({ queue, messages }) => `${queue.partition}@${messages.map((m) => Number(m.offset)).join(',')}`).join(' ')}`;

describe('PartitionQueues', () => {
  it('keeps only assigned partitions and drops what was queued already', () => {
    const queues = new PartitionQueues<Queued>();
    expect(queues.push(at(0, 0))).toBe(false); // nothing assigned yet
    queues.assign([{ topic: 't', partitions: [0] }]);
    expect([at(0, 0), at(0, 1), at(0, 0), at(1, 0), at(0, 3)].map((m) => queues.push(m))).toEqual([true, true, false, false, true]);
    expect(queues.size).toBe(3);
  });

  it('hands out one chunk per partition at a time, topped up from the same topic\'s other ready partitions', () => {
    const queues = new PartitionQueues<Queued>();
    queues.assign([{ topic: 't', partitions: [0, 1, 2] }]);
    [at(0, 0), at(1, 0), at(0, 1), at(0, 2), at(2, 0), at(2, 1)].forEach((m) => queues.push(m));
    const first = queues.take(4)!;
    expect(shape(first)).toBe('t 0@0,1,2 1@0'); // oldest ready partition first, then the next ones up to the size
    expect(queues.size).toBe(2);
    const second = queues.take(4)!;
    expect(shape(second)).toBe('t 2@0,1');
    expect(queues.take(4)).toBeUndefined(); // every partition with messages is busy
    queues.push(at(0, 3));
    queues.release(first);
    expect(shape(queues.take(4))).toBe('t 0@3');
  });

  it('never mixes topics in a chunk, and a partition skipped for another topic keeps its turn', () => {
    const queues = new PartitionQueues<Queued>();
    queues.assign([{ topic: 'a', partitions: [0, 1] }, { topic: 'b', partitions: [0] }]);
    [at(0, 0, 'a'), at(0, 0, 'b'), at(1, 0, 'a'), at(0, 1, 'b')].forEach((m) => queues.push(m));
    expect(shape(queues.take(10))).toBe('a 0@0 1@0');
    expect(shape(queues.take(10))).toBe('b 0@0,1');
    expect(queues.size).toBe(0);
  });

  it('puts an unhandled part back in front of its queue, unless the partition was revoked meanwhile', () => {
    const queues = new PartitionQueues<Queued>();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    [at(0, 0), at(1, 0), at(0, 1)].forEach((m) => queues.push(m));
    const chunk = queues.take(1)!;
    queues.push(at(0, 2));
    queues.assign([{ topic: 't', partitions: [0] }]); // partition 1 revoked (it was not in the chunk)
    queues.putBack(chunk.parts[0]!);
    queues.release(chunk);
    expect(shape(queues.take(10))).toBe('t 0@0,1,2');
    expect(queues.take(10)).toBeUndefined();
  });

  it('on revoke drops the partition queue, fires its lost signal, and starts afresh if assigned again', () => {
    const queues = new PartitionQueues<Queued>();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    [at(0, 0), at(0, 1), at(1, 0)].forEach((m) => queues.push(m));
    const inFlight = queues.take(1)!;
    const { queue } = inFlight.parts[0]!;
    queues.assign([{ topic: 't', partitions: [1] }]);
    expect(queue.lost.signal.aborted).toBe(true);
    expect(queues.owns(queue)).toBe(false);
    expect(queues.size).toBe(1);
    queues.putBack(inFlight.parts[0]!); // dropped: the new owner re-reads from the last commit
    queues.release(inFlight);
    expect(queues.size).toBe(1);
    expect(shape(queues.take(5))).toBe('t 1@0');
    expect(queues.take(5)).toBeUndefined();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    expect(queues.push(at(0, 0))).toBe(true); // the new owner's position is the committed offset
  });
});
