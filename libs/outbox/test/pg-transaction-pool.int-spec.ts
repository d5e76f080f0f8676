import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { PgTransactionPool } from '../src';
import { Prisma, type PrismaClient } from './generated/prisma/client';
import { createProofDatabase, proofDatabaseUrl } from './support/proof-database';
import { resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

// The shared pg transaction runner against real PostgreSQL: commit, rollback, the idle timeout, and
// the Prisma.sql fragments callers already build (from a generated client) expanding on the driver.
describe('PgTransactionPool (real PostgreSQL)', () => {
  let db: PrismaClient;
  let pool: PgTransactionPool;

  beforeAll(() => {
    Logger.overrideLogger(false);
    db = createProofDatabase();
    pool = new PgTransactionPool({ connectionString: proofDatabaseUrl(), max: 2, name: 'pg-transaction-pool-test', idleTimeout: '1s' });
  });

  beforeEach(async () => {
    await resetProofTables(db);
  });

  afterAll(async () => {
    await pool.end();
    await db.$disconnect();
  });

  const insertEffect = (eventId: string) => Prisma.sql`INSERT INTO proof_effect (event_id, label) VALUES (${eventId}::uuid, ${'pg-test'})`;
  const effects = async () => (await db.proofEffect.findMany({ orderBy: { eventId: 'asc' } })).map((row) => row.eventId);

  it('commits what the work wrote when it resolves, with Prisma.sql and Prisma.join fragments nested in the templates', async () => {
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const result = await pool.transaction(async (tx) => {
      await tx.$executeRaw`${insertEffect(ids[0]!)}`;
      await tx.$executeRaw`${insertEffect(ids[1]!)}`;
      return tx.$queryRaw<Array<{ event_id: string }>>`SELECT event_id::text FROM proof_effect WHERE event_id::text IN (${Prisma.join(ids)}) ORDER BY event_id`;
    });
    expect(result.map((row) => row.event_id)).toEqual(ids);
    expect(await effects()).toEqual(ids);
  });

  it('rolls everything back when the work throws, and the connection serves the next transaction', async () => {
    const failing = pool.transaction(async (tx) => {
      await tx.$executeRaw`${insertEffect('00000000-0000-4000-8000-000000000003')}`;
      throw new Error('effect failed');
    });
    await expect(failing).rejects.toThrow('effect failed');
    expect(await effects()).toEqual([]);
    await expect(pool.transaction((tx) => tx.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });

  it('runs statements outside a transaction block: each commits on its own, and a failing one leaves the others', async () => {
    const failing = pool.statements(async (connection) => {
      const inBlock = await connection.$queryRaw<Array<{ block: boolean }>>`SELECT now() <> statement_timestamp() AS block`;
      expect(inBlock[0]?.block).toBe(false);
      await connection.$executeRaw`${insertEffect('00000000-0000-4000-8000-000000000006')}`;
      await connection.$queryRaw`SELECT 1 / ${0}::int AS never`;
    });
    await expect(failing).rejects.toMatchObject({ code: '22012' }); // division by zero
    expect(await effects()).toEqual(['00000000-0000-4000-8000-000000000006']);
    await expect(pool.transaction((tx) => tx.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });

  it('lets PostgreSQL end a transaction left idle past the timeout, and replaces the connection it closed', async () => {
    const hung = pool.transaction(async (tx) => {
      await tx.$executeRaw`${insertEffect('00000000-0000-4000-8000-000000000004')}`;
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // idle in transaction longer than 1s
      await tx.$executeRaw`${insertEffect('00000000-0000-4000-8000-000000000005')}`;
    });
    await expect(hung).rejects.toThrow();
    expect(await effects()).toEqual([]);
    await expect(pool.transaction((tx) => tx.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });

  it('runs each transaction on a connection whose timeout is set only inside it', async () => {
    const inside = await pool.transaction((tx) => tx.$queryRaw<Array<{ idle_in_transaction_session_timeout: string }>>`SHOW idle_in_transaction_session_timeout`);
    expect(inside[0]?.idle_in_transaction_session_timeout).toBe('1s');
    const probe = new Client({ connectionString: proofDatabaseUrl() });
    await probe.connect();
    const outside = await probe.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout');
    await probe.end();
    expect(outside.rows[0]?.idle_in_transaction_session_timeout).not.toBe('1s');
  });

  it('plans prepared statements once per connection (generic plans) only when asked to', async () => {
    const generic = new PgTransactionPool({ connectionString: proofDatabaseUrl(), max: 1, name: 'pg-transaction-pool-generic', genericPlans: true });
    const modeOf = (runner: PgTransactionPool) =>
      runner.transaction(async (tx) => (await tx.$queryRaw<Array<{ mode: string }>>`SELECT current_setting('plan_cache_mode') AS mode`)[0]!.mode);
    try {
      await expect(modeOf(generic)).resolves.toBe('force_generic_plan');
      await expect(modeOf(pool)).resolves.toBe('auto');
    } finally {
      await generic.end();
    }
  });

  it('prepares a repeated statement, and after a column is added under it fails that one run, then sends it unnamed', async () => {
    const one = new PgTransactionPool({ connectionString: proofDatabaseUrl(), max: 1, name: 'pg-prepared-test' });
    const admin = new Client({ connectionString: proofDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query('DROP TABLE IF EXISTS prepared_probe; CREATE TABLE prepared_probe (id int PRIMARY KEY, label text); INSERT INTO prepared_probe VALUES (1, $$a$$)');
      const read = () => one.transaction((tx) => tx.$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM prepared_probe WHERE id = ${1}::int`);
      for (let i = 0; i < 4; i += 1) await read(); // named from the third run on, so prepared on the pool's one connection
      const prepared = await one.transaction((tx) => tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${'%prepared_probe%'}`);
      expect(prepared[0]?.n).toBe(1);
      await admin.query('ALTER TABLE prepared_probe ADD COLUMN extra text');
      await expect(read()).rejects.toMatchObject({ code: '0A000' });
      await expect(read()).resolves.toEqual([{ id: 1, label: 'a', extra: null }]);
    } finally {
      await admin.query('DROP TABLE IF EXISTS prepared_probe');
      await admin.end();
      await one.end();
    }
  });
});
