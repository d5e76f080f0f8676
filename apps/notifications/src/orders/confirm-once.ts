import type { Prisma } from '../generated/prisma/client';
import type { MessageDraft } from '../messages/message-drafts';
import { TEMPLATES } from '../templates/template.types';

/**
 * Drops an order confirmation for an order that has one already. An order held after it was
 * created, and released, returns to created and publishes created again (another event, so the
 * message key would differ); the customer must still be told only once that their order is
 * confirmed. Called with the order's row locked (lockOrder), so two created events of one order
 * cannot both find none.
 */
export async function confirmOnce(tx: Prisma.TransactionClient, orderId: string, drafts: MessageDraft[]): Promise<MessageDraft[]> {
  const isConfirmation = (draft: MessageDraft) => draft.template === TEMPLATES.orderConfirmation;
  if (!drafts.some(isConfirmation)) return drafts;
  const [row] = await tx.$queryRaw<Array<{ confirmed: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM message WHERE order_id = ${orderId} AND template = ${TEMPLATES.orderConfirmation}) AS confirmed`;
  return row?.confirmed ? drafts.filter((draft) => !isConfirmation(draft)) : drafts;
}
