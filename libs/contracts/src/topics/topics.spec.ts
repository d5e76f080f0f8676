import { EVENT_REGISTRY } from '../events/event.registry';
import { EventTypes } from '../events/event-types.constants';
import { TOPIC_SPECS } from './topic-specs.constants';
import { deadLetterTopic, Topics } from './topics.constants';

const specByName = new Map(TOPIC_SPECS.map((spec) => [spec.name, spec]));

describe('topics', () => {
  it('names dead-letter topics with a .dlq suffix', () => {
    expect(deadLetterTopic(Topics.order)).toBe('orders.order.v1.dlq');
  });

  it('has one spec per topic and per dead-letter topic, no duplicates', () => {
    const names = Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
    expect([...specByName.keys()].sort()).toEqual(names.sort());
    expect(TOPIC_SPECS).toHaveLength(names.length);
  });

  it('fixes partition counts and compaction', () => {
    const six = [Topics.order, Topics.orderDue, Topics.subscriptionLifecycle, Topics.reservation];
    for (const topic of [...six, Topics.shipment, Topics.message]) expect(specByName.get(topic)?.partitions).toBe(6);
    for (const topic of [Topics.catalogProduct, Topics.jobRun, Topics.channelOrder, Topics.inventory]) {
      expect(specByName.get(topic)?.partitions).toBe(3);
    }
    const compacted = TOPIC_SPECS.filter((spec) => spec.compacted).map((spec) => spec.name);
    expect(compacted).toEqual([Topics.catalogProduct]);
  });

  it('gives every dead-letter topic one partition and no compaction', () => {
    for (const topic of Object.values(Topics)) {
      expect(specByName.get(deadLetterTopic(topic))).toEqual({
        name: deadLetterTopic(topic),
        partitions: 1,
        compacted: false,
      });
    }
  });

  it('follows <domain>.<entity>.v<major> naming', () => {
    for (const topic of Object.values(Topics)) expect(topic).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
  });
});

describe('event registry', () => {
  it('registers every event type, on a topic that has a spec', () => {
    expect([...EVENT_REGISTRY.keys()].sort()).toEqual(Object.values(EventTypes).sort());
    for (const definition of EVENT_REGISTRY.values()) {
      expect(specByName.has(definition.topic)).toBe(true);
      expect(specByName.has(deadLetterTopic(definition.topic))).toBe(true);
    }
  });

  it('publishes each type on the topic of its domain and entity', () => {
    for (const [type, definition] of EVENT_REGISTRY) {
      expect(type).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(definition.type).toBe(type);
      expect(definition.topic.split('.')[0]).toBe(type.split('.')[0]);
    }
    expect(EVENT_REGISTRY.get(EventTypes.orderDue)?.topic).toBe(Topics.orderDue);
    expect(EVENT_REGISTRY.get(EventTypes.orderOnHold)?.topic).toBe(Topics.order);
  });
});
