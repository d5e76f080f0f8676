/** What the queues need of a consumed message. */
export interface PartitionMessage {
  topic: string;
  partition: number;
  offset: bigint;
}

/** The queued, not yet handled messages of one partition this member owns. */
export class PartitionQueue<M extends PartitionMessage> {
  readonly messages: M[] = [];
  /** Offset after the last message queued: anything below it was queued already (a re-read after a rejoin). */
  next = -1n;
  /** Fires when the partition is revoked: its in-flight chunk stops retrying and commits nothing. */
  readonly lost = new AbortController();
  /** A chunk of it is being handled; the next one waits, so one partition's messages stay in order. */
  busy = false;
  /** Listed among the partitions waiting for a worker. */
  waiting = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}
}

const keyOf = (topic: string, partition: number): string => `${topic}:${partition}`;

/** The messages of one partition in a chunk, oldest first. */
export interface ChunkPart<M extends PartitionMessage> {
  queue: PartitionQueue<M>;
  messages: M[];
}

/** Messages of one topic handed to its handler together: one part per partition, each in offset order. */
export interface Chunk<M extends PartitionMessage> {
  topic: string;
  parts: ChunkPart<M>[];
}

/**
 * Splits one stream of messages into per-partition queues and hands out chunks:
 * at most one chunk per partition in flight, partitions served in the order
 * they became ready. A chunk takes the oldest ready partition's messages and
 * tops them up from the other ready partitions of the same topic: at a steady
 * rate each partition holds a message or two when a worker frees up, and one
 * transaction for all of them costs a fraction of one per partition.
 * Only partitions of the current assignment are kept.
 */
export class PartitionQueues<M extends PartitionMessage> {
  private readonly queues = new Map<string, PartitionQueue<M>>();
  private readonly ready: PartitionQueue<M>[] = [];
  private assigned = new Set<string>();
  /** Messages queued across partitions (what backpressure looks at). */
  size = 0;

  /** Queues a message; false (dropped) when its partition is not assigned here or it was queued already. */
  push(message: M): boolean {
    const key = keyOf(message.topic, message.partition);
    if (!this.assigned.has(key)) return false;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new PartitionQueue(message.topic, message.partition);
      this.queues.set(key, queue);
    }
    if (message.offset < queue.next) return false;
    queue.next = message.offset + 1n;
    queue.messages.push(message);
    this.size += 1;
    this.markReady(queue);
    return true;
  }

  /**
   * Takes a new assignment: each partition no longer in it loses its queued
   * messages (the new owner re-reads them from the committed offset) and its
   * `lost` signal fires. Partitions kept keep their queue and position.
   */
  assign(assignments: readonly { topic: string; partitions: readonly number[] }[]): void {
    this.assigned = new Set(assignments.flatMap(({ topic, partitions }) => partitions.map((p) => keyOf(topic, p))));
    for (const [key, queue] of this.queues) {
      if (!this.assigned.has(key)) this.drop(key, queue);
    }
  }

  /** Whether the queue still stands for a partition this member owns. */
  owns(queue: PartitionQueue<M>): boolean {
    return this.queues.get(keyOf(queue.topic, queue.partition)) === queue;
  }

  /**
   * Up to `max` messages of one topic: the next ready partition's oldest, then those of the topic's other
   * ready partitions in the order they became ready; every partition taken is marked busy. Undefined when none is ready.
   */
  take(max: number): Chunk<M> | undefined {
    const first = this.takeReady(() => true);
    if (!first) return undefined;
    const sameTopic = (queue: PartitionQueue<M>): boolean => queue.topic === first.topic;
    const parts: ChunkPart<M>[] = [];
    let room = max;
    for (let queue: PartitionQueue<M> | undefined = first; queue; queue = room > 0 ? this.takeReady(sameTopic) : undefined) {
      const part = this.cut(queue, room);
      parts.push(part);
      room -= part.messages.length;
    }
    return { topic: first.topic, parts };
  }

  /** Ends a chunk: each of its partitions is ready again if more messages wait. */
  release(chunk: Chunk<M>): void {
    for (const { queue } of chunk.parts) {
      queue.busy = false;
      if (this.owns(queue)) this.markReady(queue);
    }
  }

  /**
   * Returns a part of a chunk that was not handled to the front of its queue, to be handed out again in
   * order; dropped when the partition is no longer owned here (its new owner re-reads from the last commit).
   */
  putBack(part: ChunkPart<M>): void {
    if (!this.owns(part.queue)) return;
    part.queue.messages.unshift(...part.messages);
    this.size += part.messages.length;
  }

  /** Drops every queue (the session ends). */
  clear(): void {
    this.assign([]);
  }

  /** Removes and returns the first ready queue that `fits` and can be handed out; queues it skips keep their place. */
  private takeReady(fits: (queue: PartitionQueue<M>) => boolean): PartitionQueue<M> | undefined {
    for (let i = 0; i < this.ready.length; ) {
      const queue = this.ready[i]!;
      const usable = this.owns(queue) && !queue.busy && queue.messages.length > 0;
      if (usable && !fits(queue)) {
        i += 1;
        continue;
      }
      this.ready.splice(i, 1);
      queue.waiting = false;
      if (usable) return queue;
    }
    return undefined;
  }

  /** Takes a queue's oldest `max` messages and marks it busy. */
  private cut(queue: PartitionQueue<M>, max: number): ChunkPart<M> {
    const messages = queue.messages.splice(0, max);
    this.size -= messages.length;
    queue.busy = true;
    return { queue, messages };
  }

  private markReady(queue: PartitionQueue<M>): void {
    if (queue.busy || queue.waiting || queue.messages.length === 0) return;
    queue.waiting = true;
    this.ready.push(queue);
  }

  private drop(key: string, queue: PartitionQueue<M>): void {
    this.size -= queue.messages.length;
    queue.messages.length = 0;
    queue.lost.abort(new Error(`partition ${key} was revoked`));
    this.queues.delete(key);
  }
}
