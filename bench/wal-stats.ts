import { withDb } from './db-client';

/** The server's write-ahead log counters (the whole server: every service's database). */
export interface WalCounters {
  /** pg_stat_wal: each backend adds its counts at most once a second (an idle one later), so they can trail. */
  records: number;
  /** Full-page images: a page's first change after a checkpoint logs the whole page. */
  fullPages: number;
  /** Where the log stood, in bytes from its start (pg_current_wal_lsn): two readings give the exact bytes between. */
  position: number;
  /** Checkpoints done so far (pg_stat_checkpointer). */
  checkpoints: number;
}

/**
 * Starts with a checkpoint when asked, so that a run begins counting from one (the full-page images it logs then
 * depend on the pages it touches, not on when the server last checkpointed).
 */
export function readWal(url: string, checkpointFirst = false): Promise<WalCounters> {
  return withDb(url, async (db) => {
    if (checkpointFirst) await db.query('CHECKPOINT');
    const { rows: [row] } = await db.query<{ records: string; fpi: string; position: string; checkpoints: string }>(
      `SELECT w.wal_records::text AS records, w.wal_fpi::text AS fpi, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS position,
              c.num_done::text AS checkpoints
       FROM pg_stat_wal w, pg_stat_checkpointer c`);
    return { records: Number(row?.records), fullPages: Number(row?.fpi), position: Number(row?.position), checkpoints: Number(row?.checkpoints) };
  });
}

/**
 * WAL per cycle: every row version and every index entry a cycle writes is logged, so this follows the write
 * amplification (an update that is not HOT logs a new entry in each of its table's indexes) that PostgreSQL's
 * CPU per cycle pays for. The bytes are exact; the records can miss the last second's.
 * @param note - what else the window held, e.g. the bench's own inserts at a steady rate.
 */
export function printWal(before: WalCounters, after: WalCounters, cycles: number, note = ''): void {
  const per = (key: 'records' | 'fullPages' | 'position') => (after[key] - before[key]) / cycles;
  console.log(`\n  WAL per cycle (from a checkpoint${note}): ${(per('position') / 1024).toFixed(2)} KiB, ${per('records').toFixed(1)} records`
    + ` (full-page images ${per('fullPages').toFixed(2)}); ${after.checkpoints - before.checkpoints} checkpoints during the run`);
}
