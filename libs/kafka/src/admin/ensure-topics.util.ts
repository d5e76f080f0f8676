import type { TopicSpec } from '@oms/contracts';
import { Kafka, type ITopicConfig } from 'kafkajs';
import { KAFKAJS_LOG_LEVEL, nestLogCreator } from '../module/kafkajs-log.adapter';
import { kafkaJsSecurity, type KafkaSecurityOptions } from '../module/kafka-security';

/**
 * Creates each topic of `specs` that does not exist yet, with its explicit
 * partition count (and `cleanup.policy=compact` when compacted): the broker's
 * auto-create is off, so nothing else creates topics. Existing topics are left
 * as they are. Safe to call repeatedly and from several processes at once.
 *
 * @param security - SASL / TLS of a secured cluster (see `kafkaSecurityFrom`); plaintext when omitted.
 * @returns the names of the topics this call created.
 */
export async function ensureTopics(brokers: string[], specs: readonly TopicSpec[], security?: KafkaSecurityOptions): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'oms-ensure-topics', brokers, logLevel: KAFKAJS_LOG_LEVEL, logCreator: nestLogCreator, ...kafkaJsSecurity(security) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return [];
    // kafkajs treats TOPIC_ALREADY_EXISTS (a concurrent creator won) as success.
    await admin.createTopics({ waitForLeaders: true, topics: missing.map(toTopicConfig) });
    return missing.map((spec) => spec.name);
  } finally {
    await admin.disconnect();
  }
}

function toTopicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    replicationFactor: -1, // broker default: 1 locally, the cluster's setting elsewhere
    configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
  };
}
