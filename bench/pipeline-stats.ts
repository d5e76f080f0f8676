import { Client } from 'pg';

/** Counts along the pipeline, read from each service's own database. */
export async function pipelineCounts(urls: Record<string, string>): Promise<{ due: number; orders: number; reserved: number; emails: number }> {
  const one = async (url: string, sql: string) => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
    } finally {
      await db.end();
    }
  };
  const [due, orders, reserved, emails] = await Promise.all([
    one(urls['subscriptions']!, `SELECT count(*) AS n FROM subscription_cycle WHERE status = 'emitted'`),
    one(urls['orders']!, 'SELECT count(*) AS n FROM sales_order'),
    one(urls['fulfillment']!, 'SELECT count(*) AS n FROM reservation'),
    one(urls['notifications']!, `SELECT count(*) AS n FROM message WHERE template = 'order-confirmation' AND status = 'sent'`),
  ]);
  return { due, orders, reserved, emails };
}

/** Per cycle: when its due event was written, and when its confirmation email was recorded as sent. */
export async function latencies(urls: Record<string, string>): Promise<number[]> {
  const read = async <T>(url: string, sql: string): Promise<T[]> => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query(sql)).rows as T[];
    } finally {
      await db.end();
    }
  };
  const emitted = await read<{ id: string; at: Date }>(urls['subscriptions']!, `SELECT subscription_id AS id, created_at AS at FROM subscription_cycle WHERE cycle_index = 0`);
  const sent = await read<{ id: string; at: Date }>(urls['notifications']!, `SELECT subscription_id AS id, sent_at AS at FROM message WHERE template = 'order-confirmation' AND status = 'sent'`);
  const emittedAt = new Map(emitted.map((row) => [row.id, row.at.getTime()]));
  return sent.map((row) => row.at.getTime() - emittedAt.get(row.id)!).filter(Number.isFinite).sort((a, b) => a - b);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
