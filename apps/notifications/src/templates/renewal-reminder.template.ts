import { escapeHtml, formatDay, formatDayTime, htmlDocument } from './mail-format';
import type { RenderedMail } from './template.types';

export interface RenewalReminderData {
  subscriptionId: string;
  dueAt: Date;
  /** The subscription's time zone; UTC when not known yet. */
  timeZone?: string | null;
}

/** Sent REMINDER_DAYS_BEFORE days before a cycle is due, while the customer can still skip or change it. */
export function renderRenewalReminder(data: RenewalReminderData): RenderedMail {
  const day = formatDay(data.dueAt, data.timeZone);
  const subject = `Your subscription renews on ${day}`;
  const paragraphs = [
    `Your subscription ${data.subscriptionId} renews on ${formatDayTime(data.dueAt, data.timeZone)}: we will place your next order then.`,
    'Want to skip this delivery, change it or pause? Do it in "My orders" before that day.',
  ];
  const text = paragraphs.join('\n\n');
  const html = htmlDocument(subject, paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'));
  return { subject, text, html };
}
