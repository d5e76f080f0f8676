import type { FraudEvaluationV1, OrderHoldV1 } from '@oms/contracts';
import { escapeHtml, formatMoney, htmlDocument, htmlTable } from './mail-format';
import type { RenderedMail } from './template.types';

export interface FraudHoldData {
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerEmail?: string;
  channel?: string;
  currency: string;
  totalMinor: number;
  hold: OrderHoldV1;
  /** Absent when a person placed the fraud hold rather than the rules. */
  evaluation?: FraudEvaluationV1;
}

/** orders.order.*.v1 placing a fraud hold: operations are told which order, why, and how to clear it or cancel. */
export function renderFraudHold(data: FraudHoldData): RenderedMail {
  const subject = `Fraud hold: order ${data.orderNumber}${data.evaluation ? ` (score ${data.evaluation.score})` : ''}`;
  const facts = [
    `Order ${data.orderNumber} (${data.orderId}) of customer ${data.customerId}${data.customerEmail ? ` <${data.customerEmail}>` : ''}`
      + `${data.channel ? `, channel ${data.channel}` : ''}, total ${formatMoney(data.totalMinor, data.currency)}, is on a fraud hold.`,
    `Placed by ${data.hold.placedBy.sub} (${data.hold.placedBy.role}): ${data.hold.reason}`,
  ];
  const rows = (data.evaluation?.firedRules ?? []).map((hit) => [hit.rule, String(hit.score), hit.detail]);
  const action = `Customer service clears it with a reason (POST /orders/${data.orderId}/holds/${data.hold.holdId}/clear) or cancels the order.`;
  const scoreLine = data.evaluation ? `Score ${data.evaluation.score}, threshold ${data.evaluation.threshold}. Rules that fired:` : '';
  const text = [
    ...facts, '',
    ...(data.evaluation ? [scoreLine, ...rows.map(([rule, score, detail]) => `  ${rule} (+${score}): ${detail}`), ''] : []),
    action,
  ].join('\n');
  const html = htmlDocument(subject, [
    ...facts.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(data.evaluation ? [`<p>${escapeHtml(scoreLine)}</p>`, htmlTable(['Rule', 'Score', 'What it saw'], rows)] : []),
    `<p>${escapeHtml(action)}</p>`,
  ].join('\n'));
  return { subject, text, html };
}
