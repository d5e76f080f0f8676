import { escapeHtml, formatMoney, htmlDocument, htmlTable } from './mail-format';
import type { OrderTotalsV1 } from '@oms/contracts';
import type { RenderedMail } from './template.types';

export interface OrderConfirmationData {
  orderNumber: string;
  currency: string;
  totalMinor: number;
  lines: Array<{ sku: string; quantity: number; unitPriceMinor: number }>;
  /** Set for an order of a subscription cycle. */
  subscriptionId?: string;
  /** Subtotal, discounts, charges and tax (orders placed since sales tax); without it only the total is shown. */
  totals?: OrderTotalsV1;
}

/** The money summary under the lines: subtotal, discounts and charges when there are any, the tax, the total. */
function summary(data: OrderConfirmationData, money: (minor: number) => string): Array<[string, string]> {
  const t = data.totals;
  if (!t) return [['Total', money(data.totalMinor)]];
  return [
    ['Subtotal', money(t.subtotalMinor)],
    ...(t.discountMinor > 0 ? [['Discounts', `-${money(t.discountMinor)}`] as [string, string]] : []),
    ...(t.chargesMinor > 0 ? [['Shipping and handling', money(t.chargesMinor)] as [string, string]] : []),
    [t.pricesIncludeTax ? 'Tax included' : 'Tax', money(t.taxMinor)],
    ['Total', money(t.totalMinor)],
  ];
}

/** orders.order.created.v1: the customer's confirmation with what was ordered and what it costs. */
export function renderOrderConfirmation(data: OrderConfirmationData): RenderedMail {
  const money = (minor: number) => formatMoney(minor, data.currency);
  const rows = data.lines.map((l) => [l.sku, String(l.quantity), money(l.unitPriceMinor), money(l.unitPriceMinor * l.quantity)]);
  const intro = data.subscriptionId
    ? `Thank you: the next delivery of your subscription is order ${data.orderNumber}.`
    : `Thank you for your order ${data.orderNumber}.`;
  const subject = `Order ${data.orderNumber} confirmed`;
  const text = [
    intro,
    '',
    ...rows.map(([sku, quantity, unit, amount]) => `  ${quantity} x ${sku} at ${unit} = ${amount}`),
    '',
    ...summary(data, money).map(([label, amount]) => `${label}: ${amount}`),
    '',
    'We will let you know when it ships.',
  ].join('\n');
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(intro)}</p>`,
    htmlTable(['Item', 'Quantity', 'Unit price', 'Amount'], rows),
    ...summary(data, money).map(([label, amount]) => label === 'Total'
      ? `<p><strong>Total: ${escapeHtml(amount)}</strong></p>`
      : `<p>${escapeHtml(label)}: ${escapeHtml(amount)}</p>`),
    '<p>We will let you know when it ships.</p>',
  ].join('\n'));
  return { subject, text, html };
}
