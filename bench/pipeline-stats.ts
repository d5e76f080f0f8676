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

/** One cycle: when its due event was written (epoch ms), and how long until its confirmation email was recorded as sent. */
export interface CycleLatency {
  dueAt: number;
  ms: number;
}

/** Every cycle whose email was sent, shortest latency first. */
export async function latencies(urls: Record<string, string>): Promise<CycleLatency[]> {
  const emitted = await queryRows<{ id: string; at: Date }>(urls['subscriptions']!, `SELECT subscription_id AS id, created_at AS at FROM subscription_cycle WHERE cycle_index = 0`);
  const sent = await queryRows<{ id: string; at: Date }>(urls['notifications']!, `SELECT subscription_id AS id, sent_at AS at FROM message WHERE template = 'order-confirmation' AND status = 'sent'`);
  const emittedAt = new Map(emitted.map((row) => [row.id, row.at.getTime()]));
  return sent
    .map((row) => ({ dueAt: emittedAt.get(row.id)!, ms: row.at.getTime() - emittedAt.get(row.id)! }))
    .filter((cycle) => Number.isFinite(cycle.ms))
    .sort((a, b) => a.ms - b.ms);
}

/** When the first of these cycles came due (epoch ms): the origin of the run's windows and of its start-up. */
export function firstDueAt(cycles: readonly CycleLatency[]): number {
  return cycles.reduce((earliest, cycle) => Math.min(earliest, cycle.dueAt), Number.POSITIVE_INFINITY);
}

/**
 * p50, p99 and max latency of the cycles that came due in each `windowMs` of the run, in order: at a steady rate it
 * tells a tail that lasts (the whole run) from one that is a moment (start-up, a pause), which one p99 cannot.
 */
export function latencyWindows(cycles: readonly CycleLatency[], windowMs: number): Array<{ fromMs: number; count: number; p50: number; p99: number; max: number }> {
  const start = firstDueAt(cycles);
  const windows = new Map<number, number[]>();
  for (const cycle of cycles) { // shortest first, so each window's list is sorted too
    const index = Math.floor((cycle.dueAt - start) / windowMs);
    const window = windows.get(index);
    if (window) window.push(cycle.ms);
    else windows.set(index, [cycle.ms]);
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([index, sorted]) => ({
    fromMs: index * windowMs, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)!,
  }));
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
