/**
 * The raw-SQL surface of a Prisma client (or of the `tx` inside
 * `$transaction`). Structural, so every service's generated PrismaClient fits
 * without this lib depending on any one schema.
 */
export interface SqlClient {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

/**
 * A {@link SqlClient} that can run an interactive transaction: a service's
 * PrismaService. `Tx` is what the transaction hands its callback, e.g. the
 * service's `Prisma.TransactionClient`, so effects need no cast.
 */
export interface TransactionalDatabase<Tx extends SqlClient = SqlClient> extends SqlClient {
  /** Where the relay opens its LISTEN connection for wake-ups; without it the relay only polls. */
  readonly databaseUrl?: string;
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export interface TransactionRunner<Tx extends SqlClient> {
  transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}
