import { Client } from 'pg';

/** Row counts of every table of one service's database, read in one statement so they are one snapshot. */
export class TableCounts {
  private constructor(
    private readonly db: Client,
    private readonly statement: string,
  ) {}

  static async open(databaseUrl: string): Promise<TableCounts> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    const statement = `SELECT ${rows.map((r) => `(SELECT count(*) FROM ${r.name})::int AS ${r.name}`).join(', ')}`;
    return new TableCounts(db, statement);
  }

  async read(): Promise<Record<string, number>> {
    return (await this.db.query<Record<string, number>>(this.statement)).rows[0]!;
  }

  /** Waits until no table changes for `quietMs` (consumers catching up, a run started by an accepted request). */
  async settle(quietMs = 300, timeoutMs = 15_000): Promise<Record<string, number>> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.read();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = await this.read();
      if (JSON.stringify(now) === JSON.stringify(last) || Date.now() > deadline) return now;
      last = now;
    }
  }

  /** Empties the service's `*_setting` tables: each service answers its defaults for settings never set. */
  async resetSettings(): Promise<void> {
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%\\_setting'`,
    );
    for (const { name } of rows) await this.db.query(`DELETE FROM ${name}`);
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

/** Tables whose count differs, as `table: before → after`. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]).map((t) => `${t}: ${before[t]} → ${after[t]}`);
}
