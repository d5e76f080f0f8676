/**
 * The raw-SQL surface of a Prisma client (or of the `tx` inside
 * `$transaction`). Structural, so every service's generated PrismaClient fits
 * without this lib depending on any one schema.
 */
export interface SqlClient {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

/** A {@link SqlClient} that can run an interactive transaction: a service's PrismaService. */
export interface TransactionalDatabase extends SqlClient {
  $transaction<R>(fn: (tx: SqlClient) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}
