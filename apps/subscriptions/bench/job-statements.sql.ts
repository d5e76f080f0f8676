import type { Client } from 'pg';

/** One normalised statement's share of the job, from pg_stat_statements. */
export interface StatementCost {
  calls: number;
  totalMs: number;
  rows: number;
  query: string;
}

/** Forgets earlier statistics (seeding, plain inserts) so the next read covers the job alone; false without the extension. */
export async function resetStatements(db: Client): Promise<boolean> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  }
}

/** The database's statements since the reset, most expensive first (execution time inside PostgreSQL). */
export async function readStatements(db: Client): Promise<StatementCost[]> {
  const { rows } = await db.query<{ calls: string; total_ms: number; rows: string; query: string }>(
    `SELECT s.calls::text, s.total_exec_time AS total_ms, s.rows::text, s.query FROM pg_stat_statements s
     JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%'
     ORDER BY s.total_exec_time DESC`,
  );
  return rows.map((r) => ({ calls: Number(r.calls), totalMs: r.total_ms, rows: Number(r.rows), query: r.query.replace(/\s+/g, ' ') }));
}
