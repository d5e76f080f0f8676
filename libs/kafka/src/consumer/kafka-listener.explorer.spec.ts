import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { EventEnvelope } from '@oms/contracts';
import { KafkaListener } from './kafka-listener.decorator';
import { KafkaListenerExplorer } from './kafka-listener.explorer';
import { KafkaListenerRegistry } from './kafka-listener.registry';
import type { ListenerContext } from './listener-context.interface';

@Injectable()
class OrdersListener {
  readonly seen: string[] = [];

  @KafkaListener('orders.order.v1')
  async onOrder(envelope: EventEnvelope, context: ListenerContext): Promise<void> {
    this.seen.push(`${envelope.id}@${context.topic}`);
  }

  notAListener(): void {}
}

@Injectable()
class DuplicateListener {
  @KafkaListener('orders.order.v1')
  async alsoOnOrder(): Promise<void> {}
}

async function explore(...providers: (new () => object)[]) {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [...providers, KafkaListenerExplorer, KafkaListenerRegistry] }).compile();
  return { moduleRef, explorer: moduleRef.get(KafkaListenerExplorer) };
}

describe('KafkaListenerExplorer', () => {
  it('finds decorated methods bound to their provider instance', async () => {
    const { moduleRef, explorer } = await explore(OrdersListener);
    const handlers = explorer.explore();
    expect([...handlers.keys()]).toEqual(['orders.order.v1']);
    const context = { topic: 'orders.order.v1', partition: 0, offset: '0', key: null, headers: {} };
    await handlers.get('orders.order.v1')?.([{ envelope: { id: 'e1' } as EventEnvelope, context }]);
    expect(moduleRef.get(OrdersListener).seen).toEqual(['e1@orders.order.v1']);
  });

  it('takes batch handlers registered by other libs, and refuses one for a taken topic', async () => {
    const { moduleRef, explorer } = await explore(OrdersListener);
    const registry = moduleRef.get(KafkaListenerRegistry);
    registry.registerBatchHandler('orders.reservation.v1', 'ReservationListener.apply', async () => []);
    expect([...explorer.explore().keys()].sort()).toEqual(['orders.order.v1', 'orders.reservation.v1']);
    registry.registerBatchHandler('orders.order.v1', 'Other.apply', async () => []);
    expect(() => explorer.explore()).toThrow(/declared twice: OrdersListener\.onOrder and Other\.apply/);
  });

  it('refuses two handlers for one topic, naming both', async () => {
    const { explorer } = await explore(OrdersListener, DuplicateListener);
    expect(() => explorer.explore()).toThrow(/declared twice: OrdersListener\.onOrder and DuplicateListener\.alsoOnOrder/);
  });
});
