import { PrismaPg } from '@prisma/adapter-pg';
import type { TransactionalDatabase } from '../../src';
import { PrismaClient } from '../generated/prisma/client';

/** URL of the messaging-proof database prepared by the integration global setup. */
export function proofDatabaseUrl(): string {
  const url = process.env['MESSAGING_PROOF_DATABASE_URL'];
  if (!url) throw new Error('MESSAGING_PROOF_DATABASE_URL is not set: run with the integration jest project');
  return url;
}

/**
 * A generated PrismaClient, typed as the lib's TransactionalDatabase without a
 * cast: this assignment is the compile-time proof that any service's client fits.
 */
export function createProofDatabase(): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: proofDatabaseUrl(), max: 10 }) });
  const asOutboxDatabase: TransactionalDatabase = client;
  void asOutboxDatabase;
  return client;
}
