import { TOPIC_SPECS } from '@oms/contracts';
import { Admin, ListOffsetTimestamps } from '@platformatic/kafka';

/**
 * Deletes every record of every non-compacted topic up to its high watermark,
 * so a suite's service sees no events left by earlier suites of the run (they
 * share one broker). Kafka refuses this on compacted topics; their old product
 * versions are harmless because read models keep only newer versions.
 */
export async function clearTopics(brokers = process.env['KAFKA_BROKERS']!.split(',')): Promise<void> {
  const admin = new Admin({ clientId: 'test-clear-topics', bootstrapBrokers: brokers });
  try {
    const topics = TOPIC_SPECS.filter((spec) => !spec.compacted).map((spec) => spec.name);
    const metadata = await admin.metadata({ topics });
    const latest = await admin.listOffsets({
      topics: topics.map((name) => ({
        name,
        partitions: metadata.topics.get(name)!.partitions.map((_, partition) => ({ partitionIndex: partition, timestamp: ListOffsetTimestamps.LATEST })),
      })),
    });
    await admin.deleteRecords({
      topics: latest.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex, offset }) => ({ partition: partitionIndex, offset })),
      })),
    });
  } finally {
    await admin.close();
  }
}
