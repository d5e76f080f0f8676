import { escapeHtml, htmlDocument, htmlTable } from './mail-format';
import type { RenderedMail } from './template.types';

export interface OutOfStockData {
  orderNumber: string;
  customerId: string;
  /** backordered: it ships when stock arrives; cancelled: the cycle was skipped or the subscription paused. */
  outcome: 'backordered' | 'cancelled';
  reason?: string;
  lines: Array<{ sku: string; quantity: number }>;
  /** The store manager's copy names the customer and says what to do. */
  audience: 'customer' | 'store-manager';
}

const CUSTOMER_TEXT: Record<OutOfStockData['outcome'], string> = {
  backordered: 'Some items are out of stock. Your order stays open and ships as soon as they are back; you do not need to do anything.',
  cancelled: 'Some items are out of stock, so this order was cancelled and you will not be charged for it.',
};

/** orders.order.backordered.v1, and orders.order.cancelled.v1 for an out-of-stock reason. */
export function renderOutOfStock(data: OutOfStockData): RenderedMail {
  const forManager = data.audience === 'store-manager';
  const subject = forManager
    ? `Out of stock: order ${data.orderNumber} ${data.outcome}`
    : `Order ${data.orderNumber}: items out of stock`;
  const paragraphs = forManager
    ? [`Order ${data.orderNumber} of customer ${data.customerId} is ${data.outcome} for want of stock.`, 'Check the stock of the items below.']
    : [CUSTOMER_TEXT[data.outcome]];
  if (data.reason) paragraphs.push(`Reason: ${data.reason}`);
  const rows = data.lines.map((l) => [l.sku, String(l.quantity)]);
  const text = [...paragraphs.flatMap((p) => [p, '']), ...rows.map(([sku, quantity]) => `  ${quantity} x ${sku}`)].join('\n');
  const html = htmlDocument(subject, [...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`), htmlTable(['Item', 'Quantity'], rows)].join('\n'));
  return { subject, text, html };
}
