import { escapeHtml, formatDayTime, htmlDocument } from './mail-format';
import type { RenderedMail } from './template.types';

export interface OrderShippedData {
  orderNumber: string;
  shippedAt: Date;
  carrier?: string;
  trackingNumber?: string;
  /** The subscription's time zone for a subscription order; UTC otherwise. */
  timeZone?: string | null;
}

/** fulfillment.shipment.status-changed.v1 with status shipped. */
export function renderOrderShipped(data: OrderShippedData): RenderedMail {
  const subject = `Order ${data.orderNumber} has shipped`;
  const lines = [`Your order ${data.orderNumber} left our warehouse on ${formatDayTime(data.shippedAt, data.timeZone)}.`];
  if (data.carrier) lines.push(`Carrier: ${data.carrier}`);
  if (data.trackingNumber) lines.push(`Tracking number: ${data.trackingNumber}`);
  const text = lines.join('\n');
  const html = htmlDocument(subject, lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'));
  return { subject, text, html };
}
