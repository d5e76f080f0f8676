import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '../src';

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');

describe('ensureTopics (real broker)', () => {
  const prefix = `it.ensure-topics.${randomUUID().slice(0, 8)}`;
  const specs = [
    { name: `${prefix}.events.v1`, partitions: 4, compacted: false },
    { name: `${prefix}.state.v1`, partitions: 2, compacted: true },
  ];
  const admin = new Kafka({ clientId: 'ensure-topics-it', brokers, logLevel: logLevel.NOTHING }).admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('creates missing topics with their partitions and cleanup policy, then creates nothing', async () => {
    expect(await ensureTopics(brokers, specs)).toEqual(specs.map((s) => s.name));
    expect(await ensureTopics(brokers, specs)).toEqual([]);

    const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
    expect(topics.map((t) => [t.name, t.partitions.length])).toEqual(
      expect.arrayContaining([[specs[0]!.name, 4], [specs[1]!.name, 2]]),
    );
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.name, configNames: ['cleanup.policy'] })),
    });
    const policies = configs.resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]);
    expect(policies).toEqual(expect.arrayContaining([[specs[0]!.name, 'delete'], [specs[1]!.name, 'compact']]));
  });
});
