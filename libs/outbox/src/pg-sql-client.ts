import { sqltag } from '@prisma/client/runtime/client';
import type { PoolClient } from 'pg';
import type { SqlClient } from './sql-client.types';

/**
 * The raw-SQL surface over one pg connection: the same tagged templates as Prisma's `$queryRaw`.
 * `sqltag` is the function every generated client exports as `Prisma.sql`, from the one runtime
 * module they all load, so `Prisma.sql` / `Prisma.join` fragments a caller nests still expand.
 * Rows are parsed as its pool says (PgTransactionPool `results`: pg's own, or as Prisma's `$queryRaw`).
 */
export class PgSqlClient implements SqlClient {
  constructor(private readonly client: Pick<PoolClient, 'query'>) {}

  async $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    const sql = sqltag(query, ...values);
    return (await this.client.query(sql.text, sql.values)).rowCount ?? 0;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.client.query(query, values)).rowCount ?? 0;
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    const sql = sqltag(query, ...values);
    return (await this.client.query(sql.text, sql.values)).rows as T;
  }
}
