import 'reflect-metadata';
import type { EventEnvelope } from '@oms/contracts';
import { IDEMPOTENT_LISTENER_METADATA, IdempotentListener, type EffectContext } from './idempotent-listener.decorator';
import { IdempotentListenerOnPg } from './pg-variant.decorator';
import type { SqlClient } from './sql-client.types';

/** Stands in for a service's Prisma.TransactionClient: more than SqlClient. */
interface ModelClient extends SqlClient {
  order: { findMany(): Promise<unknown[]> };
}

class Listeners {
  @IdempotentListener('t', 'on-prisma')
  async onPrisma(_tx: ModelClient, _envelope: EventEnvelope): Promise<void> {}

  @IdempotentListener('t', 'on-pg', { transaction: 'pg', types: ['a'] })
  async onPg(_tx: SqlClient, _envelope: EventEnvelope, _context: EffectContext): Promise<void> {}

  // The compile-time half of this spec: an effect on pg cannot ask for Prisma's client.
  // @ts-expect-error ModelClient is not what a pg transaction hands the effect
  @IdempotentListener('t', 'wrong', { transaction: 'pg' })
  async wrong(_tx: ModelClient, _envelope: EventEnvelope): Promise<void> {}

  // Nor can the pg variant of a Prisma listener.
  // @ts-expect-error ModelClient is not what a pg transaction hands the variant
  @IdempotentListenerOnPg('onPrisma', () => true)
  async wrongVariant(_tx: ModelClient, _envelope: EventEnvelope): Promise<void> {}
}

describe('@IdempotentListener', () => {
  const metadata = (name: keyof Listeners) => Reflect.getMetadata(IDEMPOTENT_LISTENER_METADATA, Listeners.prototype[name]);

  it('records the transaction an effect runs in: Prisma unless it asks for pg', () => {
    expect(metadata('onPrisma')).toEqual({ topic: 't', consumer: 'on-prisma', types: undefined, transaction: 'prisma' });
    expect(metadata('onPg')).toEqual({ topic: 't', consumer: 'on-pg', types: ['a'], transaction: 'pg' });
  });
});
