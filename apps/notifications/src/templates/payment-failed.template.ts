import type { DunningFinalAction, PaymentFailureCode } from '@oms/contracts';
import { escapeHtml, formatDayTime, formatMoney, htmlDocument } from './mail-format';
import type { RenderedMail } from './template.types';

export interface PaymentFailedData {
  orderNumber: string;
  amountMinor: number;
  currency: string;
  failureCode?: PaymentFailureCode;
  /** "Visa ending 4242"; absent when no card was stored. */
  cardLabel?: string;
  /** This failure's number on the ladder (1 = the first try) and the tries in all (first try + retries). */
  attempt: number;
  attempts: number;
  /** The next try; absent after the last one. */
  nextAttemptAt?: string;
  finalAction: DunningFinalAction;
  /** The subscription's time zone; UTC when unknown. */
  timeZone?: string | null;
}

/** What went wrong, for people (never the provider's raw message). */
const FAILED: Record<PaymentFailureCode, string> = {
  'insufficient-funds': 'your bank declined it for insufficient funds',
  'card-declined': 'your card was declined',
  'suspected-fraud': 'your bank declined it as a suspected fraud; please contact your bank',
  timeout: 'the payment service did not answer in time',
  'no-payment-method': 'we have no card on file for you',
  'provider-error': 'the payment service had a problem',
};

/** What happens after the last failed try. */
const NOW: Record<DunningFinalAction, string> = {
  pause: 'This was our last try, so this delivery is cancelled and your subscription is paused. Update your card and resume your subscription whenever you are ready.',
  cancel: 'This was our last try, so this delivery is cancelled and your subscription is cancelled. You are welcome to subscribe again.',
  skip: 'This was our last try, so this delivery is skipped. Your subscription carries on: your next delivery comes as planned.',
};

const UPDATE = 'To update your card, add a new one under Payment methods in your account: we try again straight away when you do.';

/** orders.payment.authorization-failed.v1 of a subscription cycle's order (it carries its dunning step): one email per failed try. */
export function renderPaymentFailed(data: PaymentFailedData): RenderedMail {
  const last = !data.nextAttemptAt;
  const subject = last ? `Payment for order ${data.orderNumber} failed: ${data.finalAction === 'skip' ? 'delivery skipped' : `subscription ${data.finalAction === 'pause' ? 'paused' : 'cancelled'}`}` : `Payment for order ${data.orderNumber} failed: we will try again`;
  const card = data.cardLabel ? ` with your ${data.cardLabel}` : '';
  const lines = [
    `We could not take the payment of ${formatMoney(data.amountMinor, data.currency)} for your order ${data.orderNumber}${card}: ${FAILED[data.failureCode ?? 'card-declined']}.`,
    `This was attempt ${data.attempt} of ${data.attempts}.`,
    last ? NOW[data.finalAction] : `We will try again on ${formatDayTime(new Date(data.nextAttemptAt!), data.timeZone)}. Your order waits until the payment goes through.`,
    ...(last && data.finalAction === 'cancel' ? [] : [UPDATE]),
  ];
  return { subject, text: lines.join('\n\n'), html: htmlDocument(subject, lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')) };
}

/** orders.payment.authorized.v1 of a subscription cycle's order after failed tries: the payment went through. */
export function renderPaymentRecovered(data: { orderNumber: string; amountMinor: number; currency: string; cardLabel?: string }): RenderedMail {
  const subject = `Payment for order ${data.orderNumber} went through`;
  const card = data.cardLabel ? ` with your ${data.cardLabel}` : '';
  const text = `Good news: the payment of ${formatMoney(data.amountMinor, data.currency)} for your order ${data.orderNumber} went through${card}. Your order is on its way to our warehouse; you do not need to do anything.`;
  return { subject, text, html: htmlDocument(subject, `<p>${escapeHtml(text)}</p>`) };
}
