import type { Client } from 'pg';

/**
 * Inserts `count` active monthly subscriptions (one line, one segment each)
 * whose anchor is `anchorDate` 09:00 UTC, in one statement per table and one transaction: with `--rate`
 * a job run is going while the next second's subscriptions are inserted, and outside a transaction it
 * claimed some between the tables (no segment: failed; no line yet: its cycle skipped, never ordered,
 * so the benchmark waited for it until its timeout).
 */
export async function insertSubscriptions(db: Client, count: number, anchorDate: string, productId: string, sku = 'BENCH-SKU'): Promise<void> {
  await db.query('BEGIN');
  try {
    await insertSubscriptionRows(db, count, anchorDate, productId, sku);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

async function insertSubscriptionRows(db: Client, count: number, anchorDate: string, productId: string, sku: string): Promise<void> {
  const nextDue = `${anchorDate}T09:00:00Z`;
  await db.query(`CREATE TEMP TABLE bench_ids ON COMMIT DROP AS SELECT gen_random_uuid() AS id FROM generate_series(1, $1)`, [count]);
  await db.query(
    `INSERT INTO subscription (id, customer_id, customer_email, channel, status, currency, time_zone, start_date, catch_up_policy, next_due_at, updated_at)
     SELECT id, 'bench-' || left(id::text, 8), 'bench-' || left(id::text, 8) || '@example.com', 'web', 'active', 'EUR', 'UTC', $1, 'all', $2::timestamptz, now() FROM bench_ids`,
    [anchorDate, nextDue],
  );
  await db.query(
    `INSERT INTO schedule_segment (subscription_id, first_cycle_index, effective_from, unit, interval, anchor_date, anchor_time, time_zone)
     SELECT id, 0, $1::timestamptz, 'month', 1, $2, '09:00', 'UTC' FROM bench_ids`,
    [`${anchorDate}T00:00:00Z`, anchorDate],
  );
  await db.query(
    `INSERT INTO subscription_line (id, subscription_id, product_id, sku, quantity) SELECT gen_random_uuid(), id, $1, $2, 1 FROM bench_ids`,
    [productId, sku],
  );
}

/** The database's plain insert rate: rows the size of an outbox event, in batches like the job's. */
export async function measurePlainInserts(db: Client, count: number, batchSize: number): Promise<number> {
  await db.query('CREATE TABLE IF NOT EXISTS bench_plain (id uuid PRIMARY KEY, payload jsonb NOT NULL)');
  await db.query('TRUNCATE bench_plain');
  const payload = JSON.stringify({ padding: 'x'.repeat(600) });
  const begun = performance.now();
  for (let done = 0; done < count; done += batchSize) {
    const rows = Math.min(batchSize, count - done);
    await db.query(`INSERT INTO bench_plain (id, payload) SELECT gen_random_uuid(), $1::jsonb FROM generate_series(1, $2)`, [payload, rows]);
  }
  return performance.now() - begun;
}
