import { withDb } from './db-client';

/**
 * `--statements <service>`: that database's statements by calls per cycle (pg_stat_statements, reset before the
 * run), to see where a service's statements per cycle go without a profiler.
 */
export function printTopStatements(statsUrl: string, url: string, service: string, cycles: number, limit = 25): Promise<void> {
  // The extension lives in the database resetStatementStats created it in; its view covers every database.
  const database = new URL(url).pathname.slice(1);
  return withDb(statsUrl, async (db) => {
    const { rows } = await db.query<{ calls: string; ms: number; pms: number; blocks: string; query: string }>(
      `SELECT s.calls::text AS calls, s.total_exec_time + s.total_plan_time AS ms, s.total_plan_time AS pms,
              (s.shared_blks_hit + s.shared_blks_read)::text AS blocks, s.query FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT $2`, [database, limit]);
    // Time is the statement's wall time (lock waits and a busy machine's run queue included); the pages it read
    // (shared buffers hit or read) are what it did, whatever the machine's load.
    console.log(`\n  ${service}: statements per cycle (pg_stat_statements): calls, ms per call, pages per call, statement`);
    for (const row of rows) {
      const calls = Number(row.calls);
      const text = row.query.replace(/\s+/g, ' ').slice(0, 150);
      console.log(`  ${(calls / cycles).toFixed(3).padStart(8)} ${(row.ms / calls).toFixed(2).padStart(7)} ms (plan ${(row.pms / calls).toFixed(2)})`
        + ` ${(Number(row.blocks) / calls).toFixed(0).padStart(6)} pages  ${text}`);
    }
  });
}
