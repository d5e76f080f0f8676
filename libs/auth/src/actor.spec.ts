import { createEnvelope } from '@oms/contracts';
import { actorOfEvent, channelActor, systemActor } from './actor';

const event = (actor?: { sub: string; role: string }) =>
  createEnvelope({ type: 'orders.order.created.v1', source: '/orders', subject: 'order-1', data: {}, ...(actor && { actor }) });

describe('actors', () => {
  const fallback = systemActor('orders');

  it('names a service acting on its own as system:<service>', () => {
    expect(fallback).toEqual({ sub: 'system:orders', role: 'system' });
    expect(channelActor('web')).toEqual({ sub: 'channel:web', role: 'channel' });
  });

  it("takes a consumed event's actor for the rows its handling writes", () => {
    expect(actorOfEvent(event({ sub: 'cust-1', role: 'customer' }), fallback)).toEqual({ sub: 'cust-1', role: 'customer' });
    expect(actorOfEvent(event({ sub: 'system:subscriptions', role: 'system' }), fallback)).toEqual({ sub: 'system:subscriptions', role: 'system' });
  });

  it('falls back for an event without an actor or with a role this API does not know', () => {
    expect(actorOfEvent(event(), fallback)).toBe(fallback);
    expect(actorOfEvent(event({ sub: 'x', role: 'superuser' }), fallback)).toBe(fallback);
  });
});
