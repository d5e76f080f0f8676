import type { Message } from '../generated/prisma/client';

/** A message as the API shows it: everything but the HTML body (the text body says the same). */
export function toMessageResponse(message: Message) {
  return {
    messageId: message.id,
    template: message.template,
    recipient: message.recipient === '' ? null : message.recipient,
    audience: message.audience,
    status: message.status,
    subject: message.subject,
    body: message.body,
    eventId: message.eventId,
    eventType: message.eventType,
    correlationId: message.correlationId,
    customerId: message.customerId,
    orderId: message.orderId,
    subscriptionId: message.subscriptionId,
    attempts: message.attempts,
    lastError: message.lastError,
    nextAttemptAt: message.nextAttemptAt?.toISOString() ?? null,
    sentAt: message.sentAt?.toISOString() ?? null,
    providerMessageId: message.providerMessageId,
    createdAt: message.createdAt.toISOString(),
  };
}

export type MessageResponse = ReturnType<typeof toMessageResponse>;
