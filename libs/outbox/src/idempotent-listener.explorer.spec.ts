import { MetadataScanner, Reflector } from '@nestjs/core';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import type { ConsumedEvent } from '@oms/kafka';
import { IdempotentBatchEffect, type BatchEvent } from './batch-effect.decorator';
import { IdempotentListener } from './idempotent-listener.decorator';
import { IdempotentListenerExplorer } from './idempotent-listener.explorer';
import { IdempotentListenerOnPg, PgVariantDeclined } from './pg-variant.decorator';
import type { SqlClient } from './sql-client.types';

const consumed = (envelope: EventEnvelope): ConsumedEvent => ({ envelope, context: { topic: 't', partition: 0, offset: '0', key: null, headers: {} } });

class Listener {
  @IdempotentListener('orders', 'fulfillment.order-events', { types: ['created', 'cancelled'] })
  async reserveOrRelease(_tx: SqlClient & { model: unknown }, _envelope: EventEnvelope): Promise<void> {}

  @IdempotentListenerOnPg('reserveOrRelease', (envelope) => envelope.type === 'created')
  async reserveOnPg(_tx: SqlClient, _envelope: EventEnvelope): Promise<void> {}
}

/** Registers `instance`'s listeners and returns the batch handler of its one topic and the consumer's calls. */
function explore(instance: object) {
  const handlers = new Map<string, (events: ConsumedEvent[]) => Promise<unknown>>();
  const idempotent = {
    applyBatch: jest.fn(async (_consumer: string, _events: ConsumedEvent[]): Promise<unknown[]> => []),
    applyBatchOnPg: jest.fn(async (_consumer: string, _events: ConsumedEvent[]): Promise<unknown[]> => []),
  };
  const discovery = { getProviders: () => [{ instance, isDependencyTreeStatic: () => true }] };
  const registry = { registerBatchHandler: (topic: string, _name: string, handler: (events: ConsumedEvent[]) => Promise<unknown>) => handlers.set(topic, handler) };
  new IdempotentListenerExplorer(discovery as never, new MetadataScanner(), new Reflector(), registry as never, idempotent as never).onModuleInit();
  return { handlers, idempotent };
}

describe('IdempotentListenerExplorer with a pg variant', () => {
  const event = (type: string) => consumed({ ...fixtures.orderCreated(), type });

  it('applies a batch the variant takes whole on pg with the variant, any other in Prisma with the listener', async () => {
    const { handlers, idempotent } = explore(new Listener());
    const handle = handlers.get('orders')!;

    const created = [event('created'), event('created'), event('ignored')];
    await handle(created);
    expect(idempotent.applyBatchOnPg).toHaveBeenCalledWith('fulfillment.order-events', created.slice(0, 2), expect.any(Function), undefined);
    expect(idempotent.applyBatch).not.toHaveBeenCalled();

    const mixed = [event('created'), event('cancelled')];
    await handle(mixed);
    expect(idempotent.applyBatch).toHaveBeenCalledWith('fulfillment.order-events', mixed, expect.any(Function), undefined);
    expect(idempotent.applyBatchOnPg).toHaveBeenCalledTimes(1);
  });

  it('applies what the variant declined, and what its key held back, again with the listener in Prisma', async () => {
    const { handlers, idempotent } = explore(new Listener());
    const [ok, declined, heldBack] = [event('created'), event('created'), event('created')];
    idempotent.applyBatchOnPg.mockResolvedValueOnce([{ event: declined, error: new PgVariantDeclined('on hold') }, { event: heldBack }]);
    idempotent.applyBatch.mockResolvedValueOnce([]);

    await expect(handlers.get('orders')!([ok, declined, heldBack])).resolves.toEqual([]);
    expect(idempotent.applyBatch).toHaveBeenCalledWith('fulfillment.order-events', [declined, heldBack], expect.any(Function));
  });

  it('returns a genuine failure, and what its key held back, as it is: only declined keys go to the listener', async () => {
    const { handlers, idempotent } = explore(new Listener());
    const keyed = (key: string) => ({ ...event('created'), context: { ...event('created').context, key } });
    const [declined, heldBehindDecline, broken, heldBehindBroken] = [keyed('a'), keyed('a'), keyed('b'), keyed('b')];
    const genuine = new Error('deadlock');
    idempotent.applyBatchOnPg.mockResolvedValueOnce([
      { event: declined, error: new PgVariantDeclined('on hold') }, { event: broken, error: genuine },
      { event: heldBehindDecline }, { event: heldBehindBroken },
    ]);
    idempotent.applyBatch.mockResolvedValueOnce([]);

    const failures = await handlers.get('orders')!([declined, broken, heldBehindDecline, heldBehindBroken]);
    expect(idempotent.applyBatch).toHaveBeenCalledWith('fulfillment.order-events', [declined, heldBehindDecline], expect.any(Function));
    expect(failures).toEqual([{ event: broken, error: genuine }, { event: heldBehindBroken }]);
  });

  it('refuses to start when a variant names no listener method', () => {
    class Orphan {
      @IdempotentListenerOnPg('missing', () => true)
      async onPg(_tx: SqlClient, _envelope: EventEnvelope): Promise<void> {}
    }
    expect(() => explore(new Orphan())).toThrow(/names 'missing', which is no @IdempotentListener method/);
  });

  it('hands a listener\'s batch effect to the consumer with the listener, and refuses one that names no listener', async () => {
    class Batched {
      @IdempotentListener('orders', 'notifications.order', { transaction: 'pg' })
      async queue(_tx: SqlClient, _envelope: EventEnvelope): Promise<void> {}

      @IdempotentBatchEffect('queue')
      async queueAll(_tx: SqlClient, _events: readonly BatchEvent[]): Promise<void> {}
    }
    const { handlers, idempotent } = explore(new Batched());
    const events = [event('created'), event('cancelled')];
    await handlers.get('orders')!(events);
    expect(idempotent.applyBatchOnPg).toHaveBeenCalledWith('notifications.order', events, expect.any(Function), expect.any(Function));

    class OrphanBatch {
      @IdempotentBatchEffect('missing')
      async all(_tx: SqlClient, _events: readonly BatchEvent[]): Promise<void> {}
    }
    expect(() => explore(new OrphanBatch())).toThrow(/@IdempotentBatchEffect names 'missing', which is no @IdempotentListener or @IdempotentListenerOnPg method/);
  });

  it('hands a variant\'s batch effect to the consumer with the variant, for the batches the variant takes', async () => {
    class BatchedVariant extends Listener {
      @IdempotentBatchEffect('reserveOnPg')
      async reserveAllOnPg(_tx: SqlClient, _events: readonly BatchEvent[]): Promise<void> {}
    }
    const { handlers, idempotent } = explore(new BatchedVariant());
    const created = [event('created'), event('created')];
    await handlers.get('orders')!(created);
    expect(idempotent.applyBatchOnPg).toHaveBeenCalledWith('fulfillment.order-events', created, expect.any(Function), expect.any(Function));

    const mixed = [event('created'), event('cancelled')];
    await handlers.get('orders')!(mixed);
    expect(idempotent.applyBatch).toHaveBeenCalledWith('fulfillment.order-events', mixed, expect.any(Function), undefined);
  });

  it('refuses a batch effect on a listener that has a pg variant (it belongs on the variant)', () => {
    class Both extends Listener {
      @IdempotentBatchEffect('reserveOrRelease')
      async reserveOrReleaseAll(_tx: SqlClient, _events: readonly BatchEvent[]): Promise<void> {}
    }
    expect(() => explore(new Both())).toThrow(/takes its batch effect on the variant/);
  });
});

describe('IdempotentListenerExplorer with affects', () => {
  class Affecting {
    @IdempotentListener('orders', 'fulfillment.order-events', { types: ['created', 'reserved'], affects: (envelope) => envelope.type === 'created' })
    async reserve(_tx: SqlClient & { model: unknown }, _envelope: EventEnvelope): Promise<void> {}
  }
  const event = (type: string) => consumed({ ...fixtures.orderCreated(), type });

  it('passes over the events of its types that affect nothing: no transaction, no mark, nothing to retry', async () => {
    const { handlers, idempotent } = explore(new Affecting());
    const [created, reserved] = [event('created'), event('reserved')];

    await expect(handlers.get('orders')!([reserved, created, reserved])).resolves.toEqual([]);
    expect(idempotent.applyBatch).toHaveBeenCalledTimes(1);
    expect(idempotent.applyBatch).toHaveBeenCalledWith('fulfillment.order-events', [created], expect.any(Function), undefined);

    await handlers.get('orders')!([reserved]);
    expect(idempotent.applyBatch).toHaveBeenCalledTimes(2);
    expect(idempotent.applyBatch).toHaveBeenLastCalledWith('fulfillment.order-events', [], expect.any(Function), undefined);
  });
});
