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

/**
 * Splits one stream of messages into per-partition queues and hands out chunks:
 * at most one chunk per partition in flight, partitions served in the order
 * they became ready. Only partitions of the current assignment are kept.
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

  /** The next ready partition's oldest `max` messages, its queue marked busy; undefined when none is ready. */
  take(max: number): { queue: PartitionQueue<M>; chunk: M[] } | undefined {
    for (let queue = this.ready.shift(); queue; queue = this.ready.shift()) {
      queue.waiting = false;
      if (!this.owns(queue) || queue.busy || queue.messages.length === 0) continue;
      const chunk = queue.messages.splice(0, max);
      this.size -= chunk.length;
      queue.busy = true;
      return { queue, chunk };
    }
    return undefined;
  }

  /** Ends the queue's chunk; it is ready again if more messages wait. */
  release(queue: PartitionQueue<M>): void {
    queue.busy = false;
    if (this.owns(queue)) this.markReady(queue);
  }

  /** Drops every queue (the session ends). */
  clear(): void {
    this.assign([]);
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
