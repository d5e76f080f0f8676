import { ORDER_STATUSES, type OrderStatus } from '@oms/contracts';
import { canTransition, checkReleaseHold, checkTransition, movesThrough, planOutcome, TRANSITIONS } from './order-status.machine';

const LEGAL: Array<[OrderStatus, OrderStatus]> = [
  ['created', 'reserved'], ['created', 'on-hold'], ['created', 'backordered'], ['created', 'cancelled'],
  ['reserved', 'released'], ['reserved', 'on-hold'], ['reserved', 'cancelled'],
  ['released', 'shipped'], ['released', 'on-hold'], ['released', 'cancelled'],
  ['shipped', 'delivered'],
  ['delivered', 'closed'],
  ['on-hold', 'cancelled'],
  ['backordered', 'reserved'], ['backordered', 'cancelled'],
];

describe('order status machine', () => {
  it.each(LEGAL)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(checkTransition({ status: from, statusBeforeHold: null }, to)).toEqual({ allowed: true });
  });

  it('allows nothing else', () => {
    const all = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));
    const legal = all.filter(([from, to]) => canTransition(from, to));
    expect(legal).toEqual(expect.arrayContaining(LEGAL));
    expect(legal).toHaveLength(LEGAL.length);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it.each<[OrderStatus, OrderStatus, string]>([
    ['backordered', 'shipped', 'cannot ship an order that is backordered'],
    ['created', 'shipped', 'cannot ship an order that is created'],
    ['created', 'closed', 'cannot close an order that is created'],
    ['shipped', 'cancelled', 'cannot cancel an order that is shipped'],
    ['cancelled', 'reserved', 'cannot reserve an order that is cancelled'],
    ['closed', 'on-hold', 'cannot hold an order that is closed'],
    ['on-hold', 'on-hold', 'cannot hold an order that is on-hold'],
    ['delivered', 'on-hold', 'cannot hold an order that is delivered'],
    ['released', 'delivered', 'cannot deliver an order that is released'],
    ['reserved', 'backordered', 'cannot backorder an order that is reserved'],
  ])('refuses %s -> %s', (from, to, reason) => {
    expect(checkTransition({ status: from, statusBeforeHold: null }, to)).toEqual({ allowed: false, reason });
  });

  it('releases a hold back to the status before it, and only from on-hold', () => {
    expect(checkReleaseHold({ status: 'on-hold', statusBeforeHold: 'reserved' })).toEqual({ allowed: true, to: 'reserved' });
    expect(checkReleaseHold({ status: 'created', statusBeforeHold: null })).toEqual({ allowed: false, reason: 'cannot release the hold of an order that is created' });
  });

  it('plans fulfillment outcomes: move, record under the hold, or skip', () => {
    expect(planOutcome({ status: 'created', statusBeforeHold: null }, 'reserved')).toEqual({ kind: 'move', to: 'reserved' });
    expect(planOutcome({ status: 'on-hold', statusBeforeHold: 'created' }, 'reserved')).toEqual({ kind: 'under-hold', to: 'reserved' });
    expect(planOutcome({ status: 'on-hold', statusBeforeHold: 'released' }, 'shipped')).toEqual({ kind: 'under-hold', to: 'shipped' });
    expect(planOutcome({ status: 'on-hold', statusBeforeHold: 'reserved' }, 'cancelled')).toEqual({ kind: 'move', to: 'cancelled' });
    expect(planOutcome({ status: 'on-hold', statusBeforeHold: 'created' }, 'shipped')).toEqual({ kind: 'skip', reason: 'cannot ship an order that is on-hold' });
    expect(planOutcome({ status: 'cancelled', statusBeforeHold: null }, 'reserved')).toEqual({ kind: 'skip', reason: 'cannot reserve an order that is cancelled' });
  });

  it('writes changes together only when each moves the order, with no hold set or cleared and nothing cancelled', () => {
    expect(movesThrough({ status: 'created', statusBeforeHold: null }, ['reserved', 'released'])).toBe(true);
    expect(movesThrough({ status: 'released', statusBeforeHold: null }, ['reserved', 'released'])).toBe(false);
    expect(movesThrough({ status: 'on-hold', statusBeforeHold: 'created' }, ['reserved', 'released'])).toBe(false);
    expect(movesThrough({ status: 'created', statusBeforeHold: null }, ['reserved', 'on-hold'])).toBe(false);
    expect(movesThrough({ status: 'created', statusBeforeHold: null }, ['cancelled'])).toBe(false);
  });
});
