import { Client } from 'pg';

/** Runs `work` on a connection of its own to `url`, closed afterwards (the bench reads databases once each, between runs). */
export async function withDb<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** The rows of one query on its own connection. */
export function queryRows<T>(url: string, sql: string): Promise<T[]> {
  return withDb(url, async (db) => (await db.query(sql)).rows as T[]);
}
