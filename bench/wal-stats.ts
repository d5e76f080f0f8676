import { withDb } from './db-client';

/** The server's write-ahead log counters (pg_stat_wal: the whole server, every service's database). */
export interface WalCounters {
  records: number;
  /** Full-page images: a page's first change after a checkpoint logs the whole page. */
  fullPages: number;
  bytes: number;
  /** Where the log stood (pg_current_wal_lsn): with pg_walinspect, a run's records can be read by relation afterwards. */
  lsn: string;
}

/**
 * Ends with a checkpoint when asked, so that every run starts counting from one (the full-page images a run
 * logs then depend on the pages it touches, not on when the server last checkpointed).
 */
export function readWal(url: string, checkpointFirst = false): Promise<WalCounters> {
  return withDb(url, async (db) => {
    if (checkpointFirst) await db.query('CHECKPOINT');
    const { rows: [row] } = await db.query<{ records: string; fpi: string; bytes: string; lsn: string }>(
      'SELECT wal_records::text AS records, wal_fpi::text AS fpi, wal_bytes::text AS bytes, pg_current_wal_lsn()::text AS lsn FROM pg_stat_wal');
    return { records: Number(row?.records), fullPages: Number(row?.fpi), bytes: Number(row?.bytes), lsn: row?.lsn ?? '' };
  });
}

/**
 * WAL per cycle: every row version and every index entry a cycle writes is logged, so this follows the
 * write amplification (an update that is not HOT logs a new entry in each of its table's indexes) that
 * PostgreSQL's CPU per cycle pays for, and unlike CPU it does not move with the machine's load.
 */
export function printWal(before: WalCounters, after: WalCounters, cycles: number): void {
  const per = (key: 'records' | 'fullPages' | 'bytes') => (after[key] - before[key]) / cycles;
  console.log(`\n  WAL per cycle (pg_stat_wal, from a checkpoint): ${per('records').toFixed(1)} records, ${(per('bytes') / 1024).toFixed(2)} KiB`
    + ` (full-page images ${per('fullPages').toFixed(2)}; LSN ${before.lsn} to ${after.lsn})`);
}
