import { queryRows as rows } from './db-client';
import { percentile } from './pipeline-stats';

/** The run's start-up: the `ms` after `fromMs` (when its first sent cycle came due, as the latency report counts). */
export interface StartUp {
  fromMs: number;
  ms: number;
}

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

/** One stage's p50 and p99 in ms; with a start-up, also its p99 over the cycles due within it and over the rest (NaN: none). */
export interface StageLatency {
  stage: string;
  p50: number;
  p99: number;
  startUp?: { p99Within: number; p99After: number };
}

/**
 * p50 and p99 of each stage, in ms, over every cycle whose email was sent.
 * @param startUp - when set, each stage's p99 is also given apart for the cycles that came due within it and for
 *   the rest, which tells the stage that makes a start-up tail.
 */
export async function stageBreakdown(urls: Record<string, string>, startUp?: StartUp): Promise<StageLatency[]> {
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
  const within = STAGES.map(() => [] as number[]);
  const after = STAGES.map(() => [] as number[]);
  for (const order of orders) {
    const cycle = bySub.get(order.sub);
    const message = byOrder.get(order.order_id);
    if (!cycle?.published || !order.published || !message) continue;
    samples.set('due', cycle.due.getTime()).set('duePublished', cycle.published.getTime());
    samples.set('ordersBatch', order.batch.getTime()).set('orderWritten', order.written.getTime()).set('orderPublished', order.published.getTime());
    samples.set('queued', message.queued.getTime()).set('sent', message.sent.getTime());
    // Without a start-up split, each delta is kept once (in `deltas`), not a second time on a side.
    const side = startUp === undefined ? undefined : cycle.due.getTime() - startUp.fromMs < startUp.ms ? within : after;
    STAGES.forEach(([, from, to], i) => {
      const delta = samples.get(to)! - samples.get(from)!;
      deltas[i]!.push(delta);
      side?.[i]!.push(delta);
    });
  }
  const p99 = (values: number[]) => percentile(values.sort((a, b) => a - b), 99);
  return STAGES.map(([stage], i) => {
    const sorted = deltas[i]!.sort((a, b) => a - b);
    const split = startUp && { p99Within: p99(within[i]!), p99After: p99(after[i]!) };
    return { stage, p50: percentile(sorted, 50), p99: percentile(sorted, 99), ...(split && { startUp: split }) };
  });
}
