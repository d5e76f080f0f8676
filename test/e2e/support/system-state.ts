import { clearTopics } from '@oms/testing';
import { Client } from 'pg';

/**
 * Gives the end-to-end suite a clean slate on the run's shared infrastructure:
 * every non-compacted topic's records are deleted up to its high watermark (consumers then
 * start from an empty log) and every service table is emptied, except reference
 * data that a migration seeds (the orders service's delivery modes: `standard` is every order's default).
 */
const SEEDED_TABLES = ['delivery_mode'];

export async function resetSystemState(brokers: string[], databaseUrls: string[]): Promise<void> {
  await clearTopics(brokers);
  for (const url of databaseUrls) {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND NOT tablename = ANY($1)`,
        [SEEDED_TABLES],
      );
      if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
    } finally {
      await db.end();
    }
  }
}
