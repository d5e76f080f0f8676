import { queryRows, withDb } from './db-client';

export interface PipelineCounts {
  due: number;
  orders: number;
  distinctOrders: number;
  reserved: number;
  distinctReserved: number;
  emails: number;
  distinctEmails: number;
}

/** Counts along the pipeline, read from each service's own database; distinct counts expose duplicates. */
export async function pipelineCounts(urls: Record<string, string>): Promise<PipelineCounts> {
  const one = (url: string, sql: string) => withDb(url, async (db) => {
    const row = (await db.query<{ n: string; d: string }>(sql)).rows[0]!;
    return [Number(row.n), Number(row.d)] as const;
  });
  const [[due], [orders, distinctOrders], [reserved, distinctReserved], [emails, distinctEmails]] = await Promise.all([
    one(urls['subscriptions']!, `SELECT count(*) AS n, 0 AS d FROM subscription_cycle WHERE status = 'emitted'`),
    one(urls['orders']!, 'SELECT count(*) AS n, count(DISTINCT cycle_key) AS d FROM sales_order'),
    one(urls['fulfillment']!, 'SELECT count(*) AS n, count(DISTINCT order_id) AS d FROM reservation'),
    one(urls['notifications']!, `SELECT count(*) AS n, count(DISTINCT order_id) AS d FROM message WHERE template = 'order-confirmation' AND status = 'sent'`),
  ]);
  return { due, orders, distinctOrders, reserved, distinctReserved, emails, distinctEmails };
}

/** Per cycle: when its due event was written, and when its confirmation email was recorded as sent. */
export async function latencies(urls: Record<string, string>): Promise<number[]> {
  const emitted = await queryRows<{ id: string; at: Date }>(urls['subscriptions']!, `SELECT subscription_id AS id, created_at AS at FROM subscription_cycle WHERE cycle_index = 0`);
  const sent = await queryRows<{ id: string; at: Date }>(urls['notifications']!, `SELECT subscription_id AS id, sent_at AS at FROM message WHERE template = 'order-confirmation' AND status = 'sent'`);
  const emittedAt = new Map(emitted.map((row) => [row.id, row.at.getTime()]));
  return sent.map((row) => row.at.getTime() - emittedAt.get(row.id)!).filter(Number.isFinite).sort((a, b) => a - b);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
