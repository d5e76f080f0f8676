import { checkInEventId, statusReminderEventId } from './rental-event-id';
import { renderCheckIn, renderEndRequest, renderRentalOrderNotice, renderStatusReminder, renderSwapRequest } from './rental-templates';

describe('rental templates', () => {
  it('new rental order: the store manager sees the order, the customer and what to send', () => {
    const mail = renderRentalOrderNotice({ orderNumber: 'SO-1', customerId: 'cust-1', customerEmail: 'a<b>@example.com', subscriptionId: 'sub-1', lines: [{ sku: 'BIKE', quantity: 1 }] });
    expect(mail.subject).toBe('New rental order SO-1');
    expect(mail.text).toContain('customer cust-1 (a<b>@example.com), subscription sub-1');
    expect(mail.text).toContain('  BIKE, 1');
    expect(mail.html).toContain('a&lt;b&gt;@example.com');
  });

  it('swap and end requests read differently for the customer and the store manager', () => {
    const swap = { subscriptionId: 'sub-1', customerId: 'cust-1', fromSku: 'BIKE', toSku: 'CARGO' };
    expect(renderSwapRequest({ ...swap, audience: 'customer' }).subject).toBe('We received your swap request');
    expect(renderSwapRequest({ ...swap, audience: 'store-manager' }).text).toContain('Swap In Ready');
    expect(renderEndRequest({ subscriptionId: 'sub-1', customerId: 'cust-1', audience: 'customer' }).text).toContain('Please return the item');
    expect(renderEndRequest({ subscriptionId: 'sub-1', customerId: 'cust-1', audience: 'store-manager' }).subject).toBe('End request: subscription sub-1');
  });

  it('check-in and status reminders name the day in the subscription\'s time zone', () => {
    expect(renderCheckIn({ subscriptionId: 'sub-1', startDate: '2026-03-01', day: 10 }).text).toContain('10 days since your rental subscription sub-1 started on 2026-03-01');
    const reminder = { shipmentId: 'shp-1', orderNumber: 'SO-1', status: 'returned', since: new Date('2026-03-01T23:30:00Z'), afterDays: 3, timeZone: 'Europe/Amsterdam' };
    expect(renderStatusReminder({ ...reminder, audience: 'store-manager' }).text).toContain('has been returned since Monday, 2 March 2026 (3 days or more)');
    expect(renderStatusReminder({ ...reminder, status: 'subscription-end-request', audience: 'customer' }).text).toContain('Please send the item back');
  });

  it('derives one event id per subscription check-in and per rule and delivery', () => {
    expect(checkInEventId('sub-1')).toBe(checkInEventId('sub-1'));
    expect(checkInEventId('sub-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set([checkInEventId('sub-1'), statusReminderEventId('returned:3:store-manager', 'shp-1'), statusReminderEventId('returned:4:store-manager', 'shp-1'), statusReminderEventId('returned:3:store-manager', 'shp-2')]);
    expect(ids.size).toBe(4);
  });
});
