import { escapeHtml, formatDay, htmlDocument, htmlTable } from '../templates/mail-format';
import type { RenderedMail } from '../templates/template.types';

/** Rental email templates; the customer's order confirmation is the ordinary one. */
export const RENTAL_TEMPLATES = {
  rentalOrderNotice: 'rental-order-notice',
  rentalSwapRequest: 'rental-swap-request',
  rentalEndRequest: 'rental-end-request',
  rentalCheckIn: 'rental-check-in',
  rentalStatusReminder: 'rental-status-reminder',
} as const;

export type Audience = 'customer' | 'store-manager';

function mail(subject: string, paragraphs: string[], table?: { header: string[]; rows: string[][] }): RenderedMail {
  const tableText = table ? table.rows.map((row) => `  ${row.join(', ')}`) : [];
  const text = [paragraphs[0]!, ...(table ? ['', ...tableText] : []), ...paragraphs.slice(1).flatMap((p) => ['', p])].join('\n');
  const body = [`<p>${escapeHtml(paragraphs[0]!)}</p>`, ...(table ? [htmlTable(table.header, table.rows)] : []), ...paragraphs.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`)];
  return { subject, text, html: htmlDocument(subject, body.join('\n')) };
}

export interface RentalOrderData {
  orderNumber: string;
  customerId: string;
  customerEmail?: string;
  subscriptionId?: string;
  lines: Array<{ sku: string; quantity: number }>;
}

/** The store manager's notice of a new rental subscription order: a unit is to be allocated and sent. */
export function renderRentalOrderNotice(data: RentalOrderData): RenderedMail {
  const who = `customer ${data.customerId}${data.customerEmail ? ` (${data.customerEmail})` : ''}`;
  return mail(`New rental order ${data.orderNumber}`, [
    `A new rental subscription order ${data.orderNumber} came in from ${who}${data.subscriptionId ? `, subscription ${data.subscriptionId}` : ''}.`,
    'A unit is reserved for each rented line; check the allocation and send it out.',
  ], { header: ['Item', 'Quantity'], rows: data.lines.map((l) => [l.sku, String(l.quantity)]) });
}

export interface SwapRequestData {
  subscriptionId: string;
  customerId: string;
  fromSku: string;
  toSku: string;
  audience: Audience;
}

export function renderSwapRequest(data: SwapRequestData): RenderedMail {
  if (data.audience === 'customer') {
    return mail('We received your swap request', [
      `We received your request to swap ${data.fromSku} for ${data.toSku} on your rental subscription ${data.subscriptionId}.`,
      'We will send the new item and let you know how to return the current one. A price difference applies from your next monthly fee.',
    ]);
  }
  return mail(`Swap request: ${data.fromSku} to ${data.toSku}`, [
    `Customer ${data.customerId} asked to swap ${data.fromSku} for ${data.toSku} on rental subscription ${data.subscriptionId}.`,
    'The current delivery is Swap In Ready and a new delivery is Swap Out Request with a reserved unit.',
  ]);
}

export interface EndRequestData {
  subscriptionId: string;
  customerId: string;
  audience: Audience;
}

export function renderEndRequest(data: EndRequestData): RenderedMail {
  if (data.audience === 'customer') {
    return mail('We received your request to end your rental', [
      `We received your request to end your rental subscription ${data.subscriptionId}.`,
      'Please return the item: your subscription ends once it is back with us and checked.',
    ]);
  }
  return mail(`End request: subscription ${data.subscriptionId}`, [
    `Customer ${data.customerId} asked to end rental subscription ${data.subscriptionId}.`,
    'The delivery is Subscription End Request. Close the subscription order once the unit is back, checked and Closed.',
  ]);
}

export interface CheckInData {
  subscriptionId: string;
  startDate: string;
  day: number;
}

/** Day N of a rental: ask how it is going while there is time to help. */
export function renderCheckIn(data: CheckInData): RenderedMail {
  return mail('How is your rental going?', [
    `It has been ${data.day} days since your rental subscription ${data.subscriptionId} started on ${data.startDate}.`,
    'Is everything working as it should? Reply to this email or contact us if you need help, want to swap or have a question.',
  ]);
}

export interface StatusReminderData {
  shipmentId: string;
  orderNumber?: string | null;
  subscriptionId?: string | null;
  status: string;
  since: Date;
  afterDays: number;
  timeZone?: string | null;
  audience: Audience;
}

/** What a customer is asked to do in a status; the store manager gets the status itself. */
const CUSTOMER_ASKS: Record<string, string> = {
  'subscription-end-request': 'Please send the item back so we can end your subscription.',
  'swap-in-ready': 'Please send the current item back so we can complete your swap.',
};

export function renderStatusReminder(data: StatusReminderData): RenderedMail {
  const since = formatDay(data.since, data.timeZone);
  const what = `${data.orderNumber ? `order ${data.orderNumber}` : `delivery ${data.shipmentId}`}${data.subscriptionId ? ` (subscription ${data.subscriptionId})` : ''}`;
  if (data.audience === 'customer') {
    return mail('A reminder about your rental', [
      `A reminder about your rental ${what}: it has been waiting since ${since}.`,
      CUSTOMER_ASKS[data.status] ?? 'Please contact us if anything is unclear.',
    ]);
  }
  return mail(`Reminder: delivery ${data.shipmentId} is still ${data.status}`, [
    `Delivery ${data.shipmentId} of ${what} has been ${data.status} since ${since} (${data.afterDays} days or more).`,
    'Please move it on.',
  ]);
}
