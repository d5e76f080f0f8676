import { queryRows as rows } from './db-client';
import { percentile } from './pipeline-stats';

/**
 * Where a cycle's wall-clock time goes between its due event and its email,
 * from timestamps the services already write. A transaction's `now()` is its
 * start, so an outbox row's created_at is when its consumer batch began and its
 * published_at when the relay's batch began (just before the send).
 */
const STAGES = [
  ['due written -> due published', 'due', 'duePublished'],
  ['due published -> orders batch begins', 'duePublished', 'ordersBatch'],
  ['orders batch begins -> order written', 'ordersBatch', 'orderWritten'],
  ['order written -> order.created published', 'orderWritten', 'orderPublished'],
  ['order published -> notifications batch', 'orderPublished', 'queued'],
  ['email queued -> email sent', 'queued', 'sent'],
] as const;

type Moment = (typeof STAGES)[number][1 | 2];

/** p50 and p99 of each stage, in ms, over every cycle whose email was sent. */
export async function stageBreakdown(urls: Record<string, string>): Promise<Array<{ stage: string; p50: number; p99: number }>> {
  const [due, orders, messages] = await Promise.all([
    rows<{ sub: string; due: Date; published: Date }>(urls['subscriptions']!, `
      SELECT c.subscription_id::text AS sub, c.created_at AS due, o.published_at AS published
      FROM subscription_cycle c JOIN outbox_event o ON o.payload->>'id' = c.event_id::text WHERE c.cycle_index = 0`),
    rows<{ sub: string; order_id: string; batch: Date; written: Date; published: Date }>(urls['orders']!, `
      SELECT s.subscription_id::text AS sub, s.id::text AS order_id, o.created_at AS batch, s.created_at AS written, o.published_at AS published
      FROM sales_order s JOIN outbox_event o ON o.payload->'data'->>'orderId' = s.id::text AND o.payload->>'type' = 'orders.order.created.v1'
      WHERE s.subscription_id IS NOT NULL`),
    rows<{ order_id: string; queued: Date; sent: Date }>(urls['notifications']!, `
      SELECT order_id::text AS order_id, created_at AS queued, sent_at AS sent FROM message WHERE template = 'order-confirmation' AND status = 'sent'`),
  ]);
  const byOrder = new Map(messages.map((m) => [m.order_id, m]));
  const bySub = new Map(due.map((d) => [d.sub, d]));
  const samples = new Map<Moment, number>();
  const deltas = STAGES.map(() => [] as number[]);
  for (const order of orders) {
    const cycle = bySub.get(order.sub);
    const message = byOrder.get(order.order_id);
    if (!cycle?.published || !order.published || !message) continue;
    samples.set('due', cycle.due.getTime()).set('duePublished', cycle.published.getTime());
    samples.set('ordersBatch', order.batch.getTime()).set('orderWritten', order.written.getTime()).set('orderPublished', order.published.getTime());
    samples.set('queued', message.queued.getTime()).set('sent', message.sent.getTime());
    STAGES.forEach(([, from, to], i) => deltas[i]!.push(samples.get(to)! - samples.get(from)!));
  }
  return STAGES.map(([stage], i) => {
    const sorted = deltas[i]!.sort((a, b) => a - b);
    return { stage, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}
