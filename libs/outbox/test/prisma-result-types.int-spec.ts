import { Logger } from '@nestjs/common';
import { PgTransactionPool, type SqlClient } from '../src';
import type { PrismaClient } from './generated/prisma/client';
import { createProofDatabase, proofDatabaseUrl } from './support/proof-database';

jest.setTimeout(30_000);

/** One value of every kind of column the services' SQL returns, NULLs and arrays included. */
const everyType = (db: SqlClient) => db.$queryRaw<Array<Record<string, unknown>>>`
  SELECT 9007199254740993::int8 AS big, ARRAY[1, NULL, 3]::int8[] AS bigs, NULL::int8 AS no_big, count(*) AS counted,
         12.345::numeric(10, 3) AS amount, ARRAY[1.5, 2]::numeric[] AS amounts,
         '2026-03-29 01:30:00.123'::timestamp AS local_at, ARRAY['2026-01-01 00:00:00'::timestamp] AS local_ats,
         '2026-03-29 01:30:00.123+02'::timestamptz AS at, ARRAY['2026-01-01 00:00:00+00'::timestamptz] AS ats,
         '2026-02-28'::date AS day, ARRAY['2026-02-28'::date, NULL] AS days, '10:30:15'::time AS clock,
         7::int4 AS int, 2::int2 AS small, 1.5::float8 AS float, true AS flag, 'x'::text AS text, ARRAY['a', NULL]::text[] AS texts,
         '{"a": [1, "b"]}'::jsonb AS doc, '[1]'::json AS list, 'c1f3b0a4-4c3e-4a8e-9f6a-2b1d9a0e7c55'::uuid AS id, 'ab'::varchar AS code`;

// PgTransactionPool({ results: 'prisma' }) reads rows exactly as Prisma's $queryRaw does, so SQL and the code
// reading its rows run unchanged when a listener moves from Prisma's transaction to pg's.
describe('Prisma-compatible result types on pg (real PostgreSQL)', () => {
  let db: PrismaClient;
  let pool: PgTransactionPool;

  beforeAll(() => {
    Logger.overrideLogger(false);
    db = createProofDatabase();
    pool = new PgTransactionPool({ connectionString: proofDatabaseUrl(), max: 1, name: 'result-types', results: 'prisma' });
  });

  afterAll(async () => {
    await pool.end();
    await db.$disconnect();
  });

  it('gives every column the value and type Prisma gives it', async () => {
    const [prisma] = await everyType(db);
    const [pg] = await pool.transaction((tx) => everyType(tx));
    expect(Object.keys(pg!)).toEqual(Object.keys(prisma!));
    for (const column of Object.keys(prisma!)) {
      expect([column, pg![column]]).toEqual([column, prisma![column]]);
      expect([column, typeOf(pg![column])]).toEqual([column, typeOf(prisma![column])]);
    }
  });
});

/** The runtime kind of a value, arrays element by element (toEqual alone takes a Decimal for any object with its fields). */
function typeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(typeOf);
  if (value === null) return 'null';
  return typeof value === 'object' ? value.constructor.name : typeof value;
}
