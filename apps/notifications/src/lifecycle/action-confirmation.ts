import type { EventEnvelope, SubscriptionLifecycleV1 } from '@oms/contracts';
import type { MessageDraft } from '../messages/message-drafts';
import { TEMPLATES } from '../templates/template.types';
import { ACTION_EVENT_TYPES, renderActionConfirmation, type ActionEventData, type ActionEventType } from './action-confirmation.template';

/** The job's own transitions carry this role: a scheduled pause starting, an auto-resume, an out-of-stock pause. */
const SYSTEM_ROLE = 'system';

function isActionEvent(envelope: EventEnvelope): envelope is EventEnvelope<ActionEventData[ActionEventType]> & { type: ActionEventType } {
  return (ACTION_EVENT_TYPES as readonly string[]).includes(envelope.type);
}

/**
 * The email confirming one action request, keyed by the event's id (its unique
 * (event, template, recipient) key makes a redelivery send nothing). The
 * scheduler's own transitions confirm no request and send nothing, except a
 * period-end cancel taking effect, which the customer is told about then too.
 */
export function actionConfirmation(envelope: EventEnvelope<SubscriptionLifecycleV1>): MessageDraft | null {
  if (!isActionEvent(envelope)) return null;
  const data = envelope.data;
  const takesEffect = 'when' in data && data.when === 'period-end';
  if (data.actor?.role === SYSTEM_ROLE && !takesEffect) return null;
  return {
    eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationid, template: TEMPLATES.subscriptionAction,
    recipient: data.customerEmail, customerId: data.customerId, subscriptionId: data.subscriptionId,
    mail: renderActionConfirmation(envelope.type, data),
  };
}
