import type { MessageDraft } from '../messages/message-drafts';
import { TEMPLATES } from '../templates/template.types';

export const isConfirmation = (draft: MessageDraft): boolean => draft.template === TEMPLATES.orderConfirmation;

/**
 * Drops an order confirmation for an order that has one already. An order held after it was
 * created, and released, returns to created and publishes created again (another event, so the
 * message key would differ); the customer must still be told only once that their order is
 * confirmed. `confirmed` is read after rememberOrder locked the order's row, so two created
 * events of one order cannot both find none.
 */
export function confirmOnce(drafts: MessageDraft[], confirmed: boolean): MessageDraft[] {
  return confirmed ? drafts.filter((draft) => !isConfirmation(draft)) : drafts;
}
