import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicSpec } from '@oms/contracts';
import { Admin, findErrorBy } from '@platformatic/kafka';
import { readableKafkaError } from '../module/kafka-error.util';
import { platformaticSecurity, type KafkaSecurityOptions } from '../module/kafka-security';

/** How long a created topic may take to get a leader for every partition. */
const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates each topic of `specs` that does not exist yet, with its explicit
 * partition count (and `cleanup.policy=compact` when compacted): the broker's
 * auto-create is off, so nothing else creates topics. Existing topics are left
 * as they are. Safe to call repeatedly and from several processes at once.
 * Resolves once every partition of the created topics has a leader.
 *
 * @param security - SASL / TLS of a secured cluster (see `kafkaSecurityFrom`); plaintext when omitted.
 * @returns the names of the topics this call created.
 */
export async function ensureTopics(brokers: string[], specs: readonly TopicSpec[], security?: KafkaSecurityOptions): Promise<string[]> {
  const admin = new Admin({ clientId: 'oms-ensure-topics', bootstrapBrokers: brokers, ...platformaticSecurity(security) });
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    // One request per topic: the cleanup policy is a per-request setting in this client.
    for (const spec of missing) await createTopic(admin, spec);
    if (missing.length > 0) await waitForLeaders(admin, missing.map((spec) => spec.name));
    return missing.map((spec) => spec.name);
  } catch (error) {
    throw readableKafkaError(error);
  } finally {
    await admin.close();
  }
}

async function createTopic(admin: Admin, spec: TopicSpec): Promise<void> {
  try {
    await admin.createTopics({
      topics: [spec.name],
      partitions: spec.partitions,
      // replicas left out: the broker default, 1 locally, the cluster's setting elsewhere
      configs: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    });
  } catch (error) {
    // A concurrent creator won: the topic exists, which is all this call promises.
    if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
  }
}

/** Polls fresh metadata until each partition of `topics` has a leader, so a produce right after does not fail. */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    const metadata = await admin.metadata({ topics, forceUpdate: true }).catch(() => undefined);
    const ready = metadata !== undefined && topics.every((name) => {
      const topic = metadata.topics.get(name);
      return topic !== undefined && topic.partitions.length > 0 && topic.partitions.every((p) => p !== undefined && p.leader >= 0);
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader for every partition after ${LEADERS_TIMEOUT_MS} ms`);
    await sleep(100);
  }
}
