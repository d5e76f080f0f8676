import { join, sqltag } from '@prisma/client/runtime/client';
import { PgSqlClient } from './pg-sql-client';

describe('PgSqlClient', () => {
  const connection = () => {
    const query = jest.fn(async (_text: string, _values?: unknown[]) => ({ rowCount: 2, rows: [{ id: 1 }, { id: 2 }] }));
    return { query, client: new PgSqlClient({ query } as never) };
  };

  it('sends a tagged template to pg as numbered parameters', async () => {
    const { query, client } = connection();
    await expect(client.$queryRaw`SELECT id FROM t WHERE a = ${'x'} AND b = ${7}`).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    expect(query).toHaveBeenCalledWith('SELECT id FROM t WHERE a = $1 AND b = $2', ['x', 7]);
  });

  it('expands nested Prisma.sql and Prisma.join fragments (the generated clients export this runtime sqltag)', async () => {
    const { query, client } = connection();
    const filter = sqltag`AND id IN (${join([1, 2, 3])})`;
    await expect(client.$executeRaw`DELETE FROM t WHERE a = ${'x'} ${filter}`).resolves.toBe(2);
    expect(query).toHaveBeenCalledWith('DELETE FROM t WHERE a = $1 AND id IN ($2,$3,$4)', ['x', 1, 2, 3]);
  });

  it('passes an unsafe statement and its values through unchanged', async () => {
    const { query, client } = connection();
    await expect(client.$executeRawUnsafe('UPDATE t SET a = $1', 'y')).resolves.toBe(2);
    expect(query).toHaveBeenCalledWith('UPDATE t SET a = $1', ['y']);
  });
});
