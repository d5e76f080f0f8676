import { escapeHtml, formatMoney, htmlDocument, htmlTable } from './mail-format';
import type { RenderedMail } from './template.types';

export interface OrderConfirmationData {
  orderNumber: string;
  currency: string;
  totalMinor: number;
  lines: Array<{ sku: string; quantity: number; unitPriceMinor: number }>;
  /** Set for an order of a subscription cycle. */
  subscriptionId?: string;
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
    `Total: ${money(data.totalMinor)}`,
    '',
    'We will let you know when it ships.',
  ].join('\n');
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(intro)}</p>`,
    htmlTable(['Item', 'Quantity', 'Unit price', 'Amount'], rows),
    `<p><strong>Total: ${escapeHtml(money(data.totalMinor))}</strong></p>`,
    '<p>We will let you know when it ships.</p>',
  ].join('\n'));
  return { subject, text, html };
}
