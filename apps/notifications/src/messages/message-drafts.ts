import type { SqlClient } from '@oms/outbox';
import type { RenderedMail, TemplateName } from '../templates/template.types';
import { insertMessageRows, type NewMessageRow } from './message-rows.sql';

/** Recorded as the reason of a message that could not be addressed. */
export const NO_ADDRESS = 'skipped: no email address';

export type MessageAudience = 'customer' | 'store-manager' | 'ops';

/** A message a consumer (or the reminder poller) wants sent. */
export interface MessageDraft {
  eventId: string;
  eventType: string;
  correlationId: string;
  template: TemplateName;
  /** Absent: the message is recorded as skipped instead of sent. */
  recipient: string | null | undefined;
  /** Who it is for; `customer` unless it is the store manager's copy or a notice to operations. */
  audience?: MessageAudience;
  customerId?: string | null;
  orderId?: string | null;
  subscriptionId?: string | null;
  mail: RenderedMail;
}

/**
 * Records drafts as pending messages due at `now` (or skipped ones), in the
 * caller's transaction. The unique (event_id, template, recipient) key makes a
 * draft that exists already a no-op, so a replay can never queue a second email.
 * @returns how many rows were new.
 */
export async function insertMessages(tx: SqlClient, drafts: MessageDraft[], now: Date): Promise<number> {
  return insertMessageRows(tx, messageRows(drafts, now));
}

/** The message rows of drafts queued at `now`: pending, or skipped when the draft has no recipient. */
export function messageRows(drafts: readonly MessageDraft[], now: Date): NewMessageRow[] {
  return drafts.map((draft) => ({
    eventId: draft.eventId,
    eventType: draft.eventType,
    correlationId: draft.correlationId,
    template: draft.template,
    recipient: draft.recipient ?? '',
    audience: draft.audience ?? 'customer',
    customerId: draft.customerId ?? null,
    orderId: draft.orderId ?? null,
    subscriptionId: draft.subscriptionId ?? null,
    subject: draft.mail.subject,
    body: draft.mail.text,
    bodyHtml: draft.mail.html,
    ...(draft.recipient
      ? { status: 'pending' as const, lastError: null, nextAttemptAt: now }
      : { status: 'skipped' as const, lastError: NO_ADDRESS, nextAttemptAt: null }),
  }));
}
