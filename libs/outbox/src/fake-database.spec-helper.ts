import type { SqlClient, TransactionalDatabase } from './sql-client.types';

/** One statement a fake database received: SQL with `$n` placeholders, and its values. */
export interface RecordedStatement {
  sql: string;
  values: unknown[];
}

/**
 * An in-memory stand-in for a PrismaClient: records every raw statement and
 * answers through `respond` (first matching pattern wins). Good enough to test
 * which SQL runs in which transaction without PostgreSQL.
 */
export class FakeDatabase implements TransactionalDatabase {
  readonly statements: RecordedStatement[] = [];
  readonly transactions: RecordedStatement[][] = [];
  private current?: RecordedStatement[];

  constructor(private readonly respond: Array<[RegExp, unknown]> = []) {}

  async $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    return this.run(query, values) as number;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return this.run(Object.assign([query], { raw: [query] }), values) as number;
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return this.run(query, values) as T;
  }

  async $transaction<R>(fn: (tx: SqlClient) => Promise<R>): Promise<R> {
    this.current = [];
    this.transactions.push(this.current);
    try {
      return await fn(this);
    } finally {
      this.current = undefined;
    }
  }

  private run(query: TemplateStringsArray, values: unknown[]): unknown {
    const sql = query.reduce((text, part, i) => `${text}$${i}${part}`).replace(/\s+/g, ' ').trim();
    const statement = { sql, values };
    this.statements.push(statement);
    this.current?.push(statement);
    const match = this.respond.find(([pattern]) => pattern.test(sql));
    const answer = match?.[1];
    return typeof answer === 'function' ? (answer as (s: RecordedStatement) => unknown)(statement) : answer;
  }
}

/** The rows an outbox INSERT statement carried (its first parameter, one JSON array; see insertOutboxRows). */
export function outboxRowsOf(statement: RecordedStatement | undefined): Array<{ event_id: string; topic: string; message_key: string; payload: unknown }> {
  return JSON.parse(statement?.values[0] as string) as Array<{ event_id: string; topic: string; message_key: string; payload: unknown }>;
}
