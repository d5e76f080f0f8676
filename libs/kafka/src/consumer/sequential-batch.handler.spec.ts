import type { EventEnvelope } from '@oms/contracts';
import type { ConsumedEvent } from './listener-context.interface';
import { sequentialBatchHandler } from './sequential-batch.handler';

const event = (id: string, key: string): ConsumedEvent =>
  ({ envelope: { id } as EventEnvelope, context: { topic: 't', partition: 0, offset: '0', key, headers: {} } });

describe('sequentialBatchHandler', () => {
  it('runs events in order and holds back the rest of a failed key', async () => {
    const seen: string[] = [];
    const handler = sequentialBatchHandler(async (envelope) => {
      seen.push(envelope.id);
      if (envelope.id === 'a2') throw new Error('boom');
    });
    const failures = await handler([event('a1', 'a'), event('a2', 'a'), event('b1', 'b'), event('a3', 'a')]);
    expect(seen).toEqual(['a1', 'a2', 'b1']);
    expect(failures.map((f) => [f.event.envelope.id, f.error === undefined ? 'held back' : 'failed'])).toEqual([['a2', 'failed'], ['a3', 'held back']]);
  });
});
