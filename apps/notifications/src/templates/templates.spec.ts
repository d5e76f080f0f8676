import { escapeHtml, formatDay, formatMoney } from './mail-format';
import { renderLateOrder } from './late-order.template';
import { renderOrderConfirmation } from './order-confirmation.template';
import { renderOrderShipped } from './order-shipped.template';
import { renderOutOfStock } from './out-of-stock.template';
import { renderRenewalReminder } from './renewal-reminder.template';

describe('mail formatting', () => {
  it('formats minor units with the currency\'s own decimals', () => {
    expect(formatMoney(1999, 'EUR')).toBe('EUR 19.99');
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1,500');
    expect(formatMoney(1234, 'BHD')).toBe('BHD 1.234');
  });

  it('escapes HTML and spells out days in UTC', () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
    expect(formatDay(new Date('2026-03-15T23:30:00Z'))).toBe('Sunday, 15 March 2026');
  });
});

describe('templates', () => {
  it('late order: the notice says it is on its way late, the cancellation that it will not be charged; the promise in UTC', () => {
    const lines = [{ sku: 'BEANS<1>', quantity: 2 }];
    const notice = renderLateOrder({ orderNumber: 'SO-7', step: 'notice', promisedShipBy: '2026-02-03T10:00:00.000Z', lines });
    expect(notice.subject).toBe('Order SO-7 is running late');
    expect(notice.text).toBe([
      'We are sorry: your order SO-7 has not shipped yet, though we promised it by Tuesday, 3 February 2026 at 10:00 (UTC).', '', '  2 x BEANS<1>', '',
      'We are working on it and will let you know when it ships. You do not need to do anything.',
    ].join('\n'));
    expect(notice.html).toContain('<td>BEANS&lt;1&gt;</td>');
    const cancelled = renderLateOrder({ orderNumber: 'SO-7', step: 'cancelled', lines });
    expect(cancelled.subject).toBe('Order SO-7 cancelled: we could not ship it in time');
    expect(cancelled.text).toMatch(/^We are sorry: we could not ship your order SO-7 \(promised earlier\), so we have cancelled it\.\n[\s\S]*You will not be charged for it\./);
  });

  it('order confirmation: lines, line amounts and total in text and HTML', () => {
    const mail = renderOrderConfirmation({
      orderNumber: 'SO-1', currency: 'EUR', totalMinor: 3497,
      lines: [{ sku: 'BEANS', quantity: 2, unitPriceMinor: 999 }, { sku: 'FILTER<1>', quantity: 1, unitPriceMinor: 1499 }],
    });
    expect(mail.subject).toBe('Order SO-1 confirmed');
    expect(mail.text).toBe([
      'Thank you for your order SO-1.', '', '  2 x BEANS at EUR 9.99 = EUR 19.98', '  1 x FILTER<1> at EUR 14.99 = EUR 14.99', '',
      'Total: EUR 34.97', '', 'We will let you know when it ships.',
    ].join('\n'));
    expect(mail.html).toContain('<td>FILTER&lt;1&gt;</td>');
    expect(mail.html).not.toContain('FILTER<1>');
  });

  it('order confirmation: subtotal, discounts, charges, tax and total when the order has them', () => {
    const lines = [{ sku: 'BEANS', quantity: 2, unitPriceMinor: 900 }];
    const totals = { subtotalMinor: 2000, discountMinor: 200, chargesMinor: 495, taxMinor: 342, totalMinor: 2637, pricesIncludeTax: false, taxStatus: 'calculated' as const };
    const mail = renderOrderConfirmation({ orderNumber: 'SO-4', currency: 'EUR', totalMinor: 2637, lines, totals });
    expect(mail.text).toContain(['Subtotal: EUR 20.00', 'Discounts: -EUR 2.00', 'Shipping and handling: EUR 4.95', 'Tax: EUR 3.42', 'Total: EUR 26.37'].join('\n'));
    expect(mail.html).toContain('<p>Tax: EUR 3.42</p>');
    const gross = renderOrderConfirmation({ orderNumber: 'SO-5', currency: 'EUR', totalMinor: 1800, lines, totals: { ...totals, subtotalMinor: 1800, discountMinor: 0, chargesMinor: 0, taxMinor: 312, totalMinor: 1800, pricesIncludeTax: true } });
    expect(gross.text).toContain(['Subtotal: EUR 18.00', 'Tax included: EUR 3.12', 'Total: EUR 18.00'].join('\n'));
  });

  it('order confirmation of a subscription cycle says so', () => {
    const mail = renderOrderConfirmation({ orderNumber: 'SO-2', currency: 'EUR', totalMinor: 0, lines: [], subscriptionId: 'sub-1' });
    expect(mail.text).toMatch(/^Thank you: the next delivery of your subscription is order SO-2\./);
  });

  it('out of stock: the customer is reassured, the store manager is told whose order and what to check', () => {
    const base = { orderNumber: 'SO-3', customerId: 'cust-7', lines: [{ sku: 'BEANS', quantity: 2 }] };
    const customer = renderOutOfStock({ ...base, outcome: 'backordered', audience: 'customer' });
    expect(customer.subject).toBe('Order SO-3: items out of stock');
    expect(customer.text).toMatch(/ships as soon as they are back[\s\S]*2 x BEANS/);
    expect(customer.text).not.toContain('cust-7');
    const manager = renderOutOfStock({ ...base, outcome: 'cancelled', reason: 'out-of-stock: subscription paused', audience: 'store-manager' });
    expect(manager.subject).toBe('Out of stock: order SO-3 cancelled');
    expect(manager.text).toMatch(/customer cust-7 is cancelled[\s\S]*Reason: out-of-stock: subscription paused/);
  });

  it('shipped: carrier and tracking number when known', () => {
    expect(renderOrderShipped({ orderNumber: 'SO-4', shippedAt: new Date('2026-03-02T10:00:00Z') }).text)
      .toBe('Your order SO-4 left our warehouse on Monday, 2 March 2026 at 10:00 (UTC).');
    expect(renderOrderShipped({ orderNumber: 'SO-4', shippedAt: new Date('2026-03-02T23:30:00Z'), timeZone: 'Europe/Amsterdam' }).text)
      .toBe('Your order SO-4 left our warehouse on Tuesday, 3 March 2026 at 00:30 (Europe/Amsterdam).');
    expect(renderOrderShipped({ orderNumber: 'SO-4', shippedAt: new Date('2026-03-02T10:00:00Z'), carrier: 'DHL', trackingNumber: 'T1' }).text)
      .toMatch(/Carrier: DHL\nTracking number: T1$/);
  });

  it('renewal reminder: the renewal day in the subject', () => {
    const mail = renderRenewalReminder({ subscriptionId: 'sub-9', dueAt: new Date('2026-04-01T06:00:00Z') });
    expect(mail.subject).toBe('Your subscription renews on Wednesday, 1 April 2026');
    expect(mail.text).toContain('sub-9');
  });

  it('renewal reminder: day and time in the subscription\'s time zone, which can be another day than in UTC', () => {
    const dueAt = new Date('2026-03-31T22:30:00Z'); // 1 April 00:30 in Amsterdam (summer time), 31 March 18:30 in New York
    const amsterdam = renderRenewalReminder({ subscriptionId: 'sub-9', dueAt, timeZone: 'Europe/Amsterdam' });
    expect(amsterdam.subject).toBe('Your subscription renews on Wednesday, 1 April 2026');
    expect(amsterdam.text).toContain('renews on Wednesday, 1 April 2026 at 00:30 (Europe/Amsterdam)');
    const newYork = renderRenewalReminder({ subscriptionId: 'sub-9', dueAt, timeZone: 'America/New_York' });
    expect(newYork.text).toContain('renews on Tuesday, 31 March 2026 at 18:30 (America/New_York)');
    expect(renderRenewalReminder({ subscriptionId: 'sub-9', dueAt, timeZone: 'Mars/Olympus' }).text).toContain('at 22:30 (UTC)');
  });
});
