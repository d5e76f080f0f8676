import type { MessageDraft } from '../messages/message-drafts';
import { TEMPLATES } from '../templates/template.types';

/**
 * An order confirmation goes out once per order, not once per created event: an order held after it was
 * created, and released, returns to created and publishes created again (another event, so the message key
 * would differ); the customer must still be told only once that their order is confirmed. takeOrdersBacklog
 * leaves a draft this matches out when the order has a confirmation already.
 */
export const isConfirmation = (draft: MessageDraft): boolean => draft.template === TEMPLATES.orderConfirmation;

/** The drafts in order, an order's confirmations after its first left out (a batch queues them in one statement). */
export function firstConfirmationPerOrder(drafts: readonly MessageDraft[]): MessageDraft[] {
  const confirmed = new Set<string | null | undefined>();
  return drafts.filter((draft) => {
    if (!isConfirmation(draft)) return true;
    if (confirmed.has(draft.orderId)) return false;
    confirmed.add(draft.orderId);
    return true;
  });
}
