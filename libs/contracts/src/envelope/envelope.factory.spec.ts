import { isUUID } from 'class-validator';
import { actorOf, createEnvelope, eventCausedBy } from './envelope.factory';

const input = { type: 'orders.order.created.v1', source: '/orders', subject: 'order-1', data: { orderId: 'order-1' } };

describe('createEnvelope', () => {
  it('fills the CloudEvents attributes and starts a new correlation', () => {
    const before = Date.now();
    const envelope = createEnvelope(input);
    expect(envelope).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      type: input.type,
      source: '/orders',
      subject: 'order-1',
      time: expect.any(String),
      datacontenttype: 'application/json',
      correlationid: envelope.id,
      data: input.data,
    });
    expect(isUUID(envelope.id, 4)).toBe(true);
    expect(Date.parse(envelope.time)).toBeGreaterThanOrEqual(before - 1);
    expect('causationid' in envelope).toBe(false);
  });

  it('gives every envelope its own id', () => {
    expect(createEnvelope(input).id).not.toBe(createEnvelope(input).id);
  });

  it('keeps a given id, correlation, causation and time', () => {
    const envelope = createEnvelope({
      ...input,
      id: '7d1e4c2a-1b3f-4e5d-8a9b-0c1d2e3f4a5b',
      correlationId: 'http-request-42',
      causationId: 'cause-1',
      time: new Date('2025-03-01T08:00:00Z'),
    });
    expect(envelope).toMatchObject({
      id: '7d1e4c2a-1b3f-4e5d-8a9b-0c1d2e3f4a5b',
      correlationid: 'http-request-42',
      causationid: 'cause-1',
      time: '2025-03-01T08:00:00.000Z',
    });
    expect(createEnvelope({ ...input, time: '2025-03-01T09:00:00+01:00' }).time).toBe('2025-03-01T09:00:00+01:00');
  });
});

describe('eventCausedBy', () => {
  it('carries the correlation id and points causation at the cause', () => {
    const first = createEnvelope(input);
    const second = eventCausedBy(first, { ...input, type: 'orders.order.reserved.v1' });
    const third = eventCausedBy(second, { ...input, type: 'orders.order.shipped.v1' });
    expect(second.correlationid).toBe(first.id);
    expect(second.causationid).toBe(first.id);
    expect(third.correlationid).toBe(first.id);
    expect(third.causationid).toBe(second.id);
    expect(third.id).not.toBe(second.id);
  });
});

describe('actor attributes', () => {
  const csr = { sub: 'csr-7', role: 'csr' };
  const system = { sub: 'system:orders', role: 'system' };

  it('writes the actor as actorsub and actorrole, and leaves both out without one', () => {
    expect(createEnvelope({ ...input, actor: csr })).toMatchObject({ actorsub: 'csr-7', actorrole: 'csr' });
    const anonymous = createEnvelope(input);
    expect('actorsub' in anonymous || 'actorrole' in anonymous).toBe(false);
  });

  it('names extension attributes with lower-case letters and digits only (CloudEvents)', () => {
    const names = Object.keys(createEnvelope({ ...input, actor: csr, causationId: 'c-1' }));
    expect(names.filter((name) => !/^[a-z0-9]+$/.test(name))).toEqual([]);
  });

  it('lets a caused event inherit the cause actor, unless the service decides itself', () => {
    const cause = createEnvelope({ ...input, actor: csr });
    expect(actorOf(eventCausedBy(cause, input))).toEqual(csr);
    expect(actorOf(eventCausedBy(cause, { ...input, actor: system }))).toEqual(system);
    expect(actorOf(eventCausedBy(createEnvelope(input), input))).toBeUndefined();
  });
});
