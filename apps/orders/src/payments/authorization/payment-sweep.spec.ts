import type { Cause } from '../../orders/status/order-events';
import { PAYMENT_SWEEP_ACTOR, sweepOrders } from './payment-sweep';

describe('payment sweep', () => {
  it('runs each order in turn as the sweep, and logs and skips one that throws without stopping the rest', async () => {
    const seen: Array<[string, Cause]> = [];
    const errors: string[] = [];
    const results = await sweepOrders(['o-1', 'o-2', 'o-3'], 'capture', { error: (message: string) => errors.push(message) }, async (orderId, cause) => {
      seen.push([orderId, cause]);
      if (orderId === 'o-2') throw new Error('provider down');
      return `done ${orderId}`;
    });
    expect(results).toEqual([{ orderId: 'o-1', result: 'done o-1' }, { orderId: 'o-3', result: 'done o-3' }]);
    expect(seen.map(([orderId]) => orderId)).toEqual(['o-1', 'o-2', 'o-3']);
    expect(seen.every(([, cause]) => 'actor' in cause && cause.actor === PAYMENT_SWEEP_ACTOR && !('event' in cause))).toBe(true);
    expect(errors).toEqual(['capture of order o-2 failed: provider down']);
  });

  it('names a thrown non-error by its text', async () => {
    const errors: string[] = [];
    await sweepOrders(['o-1'], 'pending authorization', { error: (message: string) => errors.push(message) }, () => Promise.reject('lease lost'));
    expect(errors).toEqual(['pending authorization of order o-1 failed: lease lost']);
  });
});
