import { TOPIC_SPECS } from '@oms/contracts';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Deletes every record of every non-compacted topic up to its high watermark,
 * so a suite's service sees no events left by earlier suites of the run (they
 * share one broker). Kafka refuses this on compacted topics; their old product
 * versions are harmless because read models keep only newer versions.
 */
export async function clearTopics(brokers = process.env['KAFKA_BROKERS']!.split(',')): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-clear-topics', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const { name } of TOPIC_SPECS.filter((spec) => !spec.compacted)) {
      const offsets = await admin.fetchTopicOffsets(name);
      await admin.deleteTopicRecords({ topic: name, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
