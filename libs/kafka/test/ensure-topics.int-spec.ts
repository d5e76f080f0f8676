import { randomUUID } from 'node:crypto';
import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import { ensureTopics } from '../src';

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');

describe('ensureTopics (real broker)', () => {
  const prefix = `it.ensure-topics.${randomUUID().slice(0, 8)}`;
  const specs = [
    { name: `${prefix}.events.v1`, partitions: 4, compacted: false },
    { name: `${prefix}.state.v1`, partitions: 2, compacted: true },
  ];
  const admin = new Admin({ clientId: 'ensure-topics-it', bootstrapBrokers: brokers });

  afterAll(() => admin.close());

  it('creates missing topics with their partitions and cleanup policy, then creates nothing', async () => {
    expect(await ensureTopics(brokers, specs)).toEqual(specs.map((s) => s.name));
    expect(await ensureTopics(brokers, specs)).toEqual([]);

    const { topics } = await admin.metadata({ topics: specs.map((s) => s.name), forceUpdate: true });
    expect(specs.map((s) => [s.name, topics.get(s.name)?.partitionsCount])).toEqual([[specs[0]!.name, 4], [specs[1]!.name, 2]]);
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((s) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: s.name, configurationKeys: ['cleanup.policy'] })),
    });
    const policies = configs.map((r) => [r.resourceName, r.configs[0]?.value]);
    expect(policies).toEqual(expect.arrayContaining([[specs[0]!.name, 'delete'], [specs[1]!.name, 'compact']]));
  });
});
