import { fixtures } from '@oms/contracts';
import { orderNotices } from './order-notices';

describe('orderNotices', () => {
  const email = { customerEmail: 'ada@example.com' };

  it('confirms a created order to the customer only', () => {
    const created = fixtures.orderCreated(email);
    expect(orderNotices(created, 'store@oms.local')).toMatchObject([
      { template: 'order-confirmation', recipient: 'ada@example.com', eventId: created.id, orderId: created.data.orderId },
    ]);
  });

  it('sends a backorder notice to the customer and, when configured, the store manager', () => {
    const backordered = fixtures.orderBackordered(email);
    expect(orderNotices(backordered, 'store@oms.local').map((d) => [d.template, d.recipient])).toEqual([
      ['out-of-stock', 'ada@example.com'], ['out-of-stock', 'store@oms.local'],
    ]);
    expect(orderNotices(backordered).map((d) => d.recipient)).toEqual(['ada@example.com']);
  });

  it('treats only cancellations with a typed stock outcome as out-of-stock notices, whatever the reason says', () => {
    expect(orderNotices(fixtures.orderCancelled({ ...email, stockOutcome: 'paused', reason: 'out-of-stock: subscription paused' }))).toHaveLength(1);
    expect(orderNotices(fixtures.orderCancelled({ ...email, stockOutcome: 'skipped' }))).toHaveLength(1);
    expect(orderNotices(fixtures.orderCancelled({ ...email, reason: 'out-of-stock: but typed as nothing' }))).toEqual([]);
    expect(orderNotices(fixtures.orderCancelled({ ...email, reason: 'customer request' }))).toEqual([]);
    expect(orderNotices(fixtures.orderCancelled({ ...email, reason: undefined }))).toEqual([]);
  });

  it('tells the customer of a late order once per event, and of its cancellation only when typed late', () => {
    const late = fixtures.orderLate(email);
    expect(orderNotices(late, 'store@oms.local')).toMatchObject([{ template: 'late-order', recipient: 'ada@example.com', eventId: late.id }]);
    expect(orderNotices(late)[0]!.mail.subject).toBe('Order SO-2025-000123 is running late');
    const cancelled = fixtures.orderCancelled({ ...email, cancelCode: 'late', promisedShipBy: '2026-02-03T10:00:00.000Z' });
    expect(orderNotices(cancelled, 'store@oms.local').map((d) => [d.template, d.recipient])).toEqual([['late-order-cancelled', 'ada@example.com']]);
    expect(orderNotices(fixtures.orderCancelled({ ...email, reason: 'late: not shipped by yesterday' }))).toEqual([]);
  });

  it('queues nothing for other order events, and an unaddressed draft when the email is missing', () => {
    expect(orderNotices(fixtures.orderReserved(email))).toEqual([]);
    expect(orderNotices(fixtures.orderShipped(email))).toEqual([]);
    expect(orderNotices(fixtures.orderCreated({ customerEmail: undefined }))[0]!.recipient).toBeUndefined();
  });

  it('tells operations of each fraud hold an event places (unaddressed while no ops address is set), and of no other hold', () => {
    const held = fixtures.orderOnHold(email);
    expect(orderNotices(held, 'store@oms.local', 'ops@oms.local')).toMatchObject([
      { template: 'fraud-hold', recipient: 'ops@oms.local', audience: 'ops', orderId: held.data.orderId, mail: { subject: `Fraud hold: order ${held.data.orderNumber} (score 70)` } },
    ]);
    expect(orderNotices(held)[0]).toMatchObject({ template: 'fraud-hold', recipient: undefined });
    expect(orderNotices(fixtures.orderHoldPlaced(email), undefined, 'ops@oms.local')).toEqual([]); // a manual hold
    expect(orderNotices(fixtures.orderHoldCleared(email), undefined, 'ops@oms.local')).toEqual([]);
  });
});
