import { withDb } from './db-client';

/** Row versions a table's writes made: inserted, updated (of which HOT: no new index entries), deleted. */
interface TableWrites {
  inserted: number;
  updated: number;
  hot: number;
  deleted: number;
}

/** Each database's tables' write counters (pg_stat_user_tables), by "database.table". */
export type TableWriteCounters = Map<string, TableWrites>;

export async function readTableWrites(databaseUrls: Record<string, string>): Promise<TableWriteCounters> {
  const counters: TableWriteCounters = new Map();
  for (const [service, url] of Object.entries(databaseUrls)) {
    await withDb(url, async (db) => {
      const { rows } = await db.query<{ name: string; ins: string; upd: string; hot: string; del: string }>(
        `SELECT relname AS name, n_tup_ins::text AS ins, n_tup_upd::text AS upd, n_tup_hot_upd::text AS hot, n_tup_del::text AS del
         FROM pg_stat_user_tables`);
      for (const row of rows) counters.set(`${service}.${row.name}`, { inserted: Number(row.ins), updated: Number(row.upd), hot: Number(row.hot), deleted: Number(row.del) });
    });
  }
  return counters;
}

/**
 * Rows each cycle writes, per table (what PostgreSQL's CPU per cycle follows: fewer statements did not lower it,
 * so what it pays for is row versions and their index entries). Tables with less than 0.01 row per cycle are left out.
 */
export function printTableWrites(before: TableWriteCounters, after: TableWriteCounters, cycles: number): void {
  const rows = [...after].map(([table, now]) => {
    const then = before.get(table) ?? { inserted: 0, updated: 0, hot: 0, deleted: 0 };
    const per = (key: keyof TableWrites) => (now[key] - then[key]) / cycles;
    return { table, inserted: per('inserted'), updated: per('updated'), hot: per('hot'), deleted: per('deleted') };
  }).filter((row) => row.inserted + row.updated + row.deleted >= 0.01).sort((a, b) => a.table.localeCompare(b.table));
  const total = rows.reduce((sum, row) => sum + row.inserted + row.updated + row.deleted, 0);
  console.log(`\n  rows written per cycle (pg_stat_user_tables): ${total.toFixed(2)} in all`);
  console.log('    inserted  updated (HOT)  deleted  table');
  const cell = (value: number) => value.toFixed(2).padStart(8);
  for (const row of rows) console.log(`    ${cell(row.inserted)} ${cell(row.updated)} (${row.hot.toFixed(2)}) ${cell(row.deleted)}  ${row.table}`);
}
