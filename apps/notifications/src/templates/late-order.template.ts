import { escapeHtml, formatDayTime, htmlDocument, htmlTable } from './mail-format';
import type { RenderedMail } from './template.types';

export interface LateOrderData {
  orderNumber: string;
  /** notice: still on its way, later than promised; cancelled: cancelled for being late. */
  step: 'notice' | 'cancelled';
  /** When it should have shipped (ISO 8601); absent on orders older than delivery modes. */
  promisedShipBy?: string;
  lines: Array<{ sku: string; quantity: number }>;
}

const TEXT: Record<LateOrderData['step'], { subject: (n: string) => string; lead: (n: string, by: string) => string; close: string }> = {
  notice: {
    subject: (n) => `Order ${n} is running late`,
    lead: (n, by) => `We are sorry: your order ${n} has not shipped yet, though we promised it ${by}.`,
    close: 'We are working on it and will let you know when it ships. You do not need to do anything.',
  },
  cancelled: {
    subject: (n) => `Order ${n} cancelled: we could not ship it in time`,
    lead: (n, by) => `We are sorry: we could not ship your order ${n} (promised ${by}), so we have cancelled it.`,
    close: 'You will not be charged for it. You are welcome to order again.',
  },
};

/** orders.order.late.v1 (the notice) and orders.order.cancelled.v1 with cancelCode late (the cancellation). */
export function renderLateOrder(data: LateOrderData): RenderedMail {
  const text = TEXT[data.step];
  const by = data.promisedShipBy ? `by ${formatDayTime(new Date(data.promisedShipBy))}` : 'earlier';
  const subject = text.subject(data.orderNumber);
  const lead = text.lead(data.orderNumber, by);
  const rows = data.lines.map((l) => [l.sku, String(l.quantity)]);
  return {
    subject,
    text: [lead, '', ...rows.map(([sku, quantity]) => `  ${quantity} x ${sku}`), '', text.close].join('\n'),
    html: htmlDocument(subject, [`<p>${escapeHtml(lead)}</p>`, htmlTable(['Item', 'Quantity'], rows), `<p>${escapeHtml(text.close)}</p>`].join('\n')),
  };
}
