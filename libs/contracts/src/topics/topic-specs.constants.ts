import { deadLetterTopic, Topics, type TopicName } from './topics.constants';

/** How a topic is created by the project's tooling (broker auto-create is off). */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Log compaction keeps only the latest message per key. */
  compacted: boolean;
}

// Six partitions where per-aggregate traffic is high enough to want parallel
// consumers; three elsewhere. Partition counts can only grow, and growing them
// remaps keys, so they are fixed here rather than left to broker defaults.
const MAIN_TOPICS: Readonly<Record<TopicName, Omit<TopicSpec, 'name'>>> = {
  [Topics.catalogProduct]: { partitions: 3, compacted: true }, // latest product state per productId
  [Topics.subscriptionLifecycle]: { partitions: 6, compacted: false },
  [Topics.orderDue]: { partitions: 6, compacted: false },
  [Topics.jobRun]: { partitions: 3, compacted: false },
  [Topics.channelOrder]: { partitions: 3, compacted: false },
  [Topics.order]: { partitions: 6, compacted: false },
  [Topics.payment]: { partitions: 3, compacted: false },
  [Topics.reservation]: { partitions: 6, compacted: false },
  [Topics.shipment]: { partitions: 6, compacted: false },
  [Topics.inventory]: { partitions: 3, compacted: false },
  [Topics.message]: { partitions: 6, compacted: false },
};

/**
 * Every topic to create: each of {@link Topics} plus its `.dlq`. Dead-letter
 * topics have one partition (low volume, read by people) and are never compacted,
 * because each dead message must be kept, not just the last per key.
 */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.freeze(
  Object.entries(MAIN_TOPICS).flatMap(([name, spec]) => [
    Object.freeze({ name, ...spec }),
    Object.freeze({ name: deadLetterTopic(name), partitions: 1, compacted: false }),
  ]),
);
