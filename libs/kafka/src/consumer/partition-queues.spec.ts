import { PartitionQueues } from './partition-queues';

const at = (partition: number, offset: number) => ({ topic: 't', partition, offset: BigInt(offset) });
const offsets = (chunk?: { offset: bigint }[]) => chunk?.map((m) => Number(m.offset));

describe('PartitionQueues', () => {
  it('keeps only assigned partitions and drops what was queued already', () => {
    const queues = new PartitionQueues();
    expect(queues.push(at(0, 0))).toBe(false); // nothing assigned yet
    queues.assign([{ topic: 't', partitions: [0] }]);
    expect([at(0, 0), at(0, 1), at(0, 0), at(1, 0), at(0, 3)].map((m) => queues.push(m))).toEqual([true, true, false, false, true]);
    expect(queues.size).toBe(3);
  });

  it('hands out one chunk per partition at a time, partitions in the order they became ready', () => {
    const queues = new PartitionQueues();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    [at(0, 0), at(1, 0), at(0, 1), at(0, 2)].forEach((m) => queues.push(m));
    const first = queues.take(2)!;
    expect(offsets(first.chunk)).toEqual([0, 1]);
    const second = queues.take(2)!;
    expect([second.queue.partition, offsets(second.chunk)]).toEqual([1, [0]]);
    expect(queues.take(2)).toBeUndefined(); // partition 0 is busy
    queues.release(first.queue);
    expect(offsets(queues.take(2)?.chunk)).toEqual([2]);
  });

  it('on revoke drops the partition queue, fires its lost signal, and starts afresh if assigned again', () => {
    const queues = new PartitionQueues();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    [at(0, 0), at(0, 1), at(1, 0)].forEach((m) => queues.push(m));
    const inFlight = queues.take(1)!;
    queues.assign([{ topic: 't', partitions: [1] }]);
    expect(inFlight.queue.lost.signal.aborted).toBe(true);
    expect(queues.owns(inFlight.queue)).toBe(false);
    expect(queues.size).toBe(1);
    queues.release(inFlight.queue);
    expect(offsets(queues.take(5)?.chunk)).toEqual([0]);
    expect(queues.take(5)).toBeUndefined();
    queues.assign([{ topic: 't', partitions: [0, 1] }]);
    expect(queues.push(at(0, 0))).toBe(true); // the new owner's position is the committed offset
  });
});
