import { withDb } from './db-client';
import { procStat } from '../tools/infra/proc-stat';

/** Statements (pg_stat_statements calls, one round trip each) and committed transactions per database. */
export interface DbCounters {
  statements: Map<string, number>;
  transactions: Map<string, number>;
}

/** Resets pg_stat_statements (when the server preloads it); false when it is not available. */
export function resetStatementStats(url: string): Promise<boolean> {
  return withDb(url, async (db) => {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
    return true;
  }).catch(() => false);
}

export function readCounters(url: string): Promise<DbCounters> {
  return withDb(url, async (db) => {
    const statements = await db.query<{ db: string; n: string }>(
      'SELECT d.datname AS db, sum(s.calls)::text AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid GROUP BY 1',
    ).catch(() => ({ rows: [] }));
    const transactions = await db.query<{ db: string; n: string }>('SELECT datname AS db, xact_commit::text AS n FROM pg_stat_database WHERE datname IS NOT NULL');
    return {
      statements: new Map(statements.rows.map((r) => [r.db, Number(r.n)])),
      transactions: new Map(transactions.rows.map((r) => [r.db, Number(r.n)])),
    };
  });
}

/** User + system CPU seconds a process has used so far (Linux /proc); NaN without one. */
export function cpuSeconds(pid: number | undefined): number {
  return (pid ? procStat(pid)?.ownSeconds : undefined) ?? NaN;
}
