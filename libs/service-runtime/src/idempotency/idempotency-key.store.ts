import { Inject, Injectable } from '@nestjs/common';
import type { SqlClient } from '@oms/outbox';
import { ABANDONED_AFTER_SECONDS, IDEMPOTENCY_DATABASE, KEY_RETENTION_HOURS } from './idempotency.constants';

/** What the table knows about a key when a request claims it. */
export type KeyClaim =
  | { kind: 'claimed' }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' }
  | { kind: 'completed'; statusCode: number; body: unknown };

interface KeyRow {
  requestHash: string;
  statusCode: number | null;
  responseBody: unknown;
}

/**
 * The `idempotency_key` table every service database has (prisma/shared):
 * one row per (caller, key), claimed before the handler runs and completed
 * with the answer after it. A key older than the retention, or abandoned
 * mid-request, may be claimed again.
 */
@Injectable()
export class IdempotencyKeyStore {
  private lastPrune = 0;

  constructor(@Inject(IDEMPOTENCY_DATABASE) private readonly db: SqlClient) {}

  async claim(caller: string, key: string, requestHash: string, method: string, path: string): Promise<KeyClaim> {
    await this.pruneNowAndThen();
    const claimed = await this.db.$executeRaw`
      INSERT INTO idempotency_key (caller, key, request_hash, method, path, created_at, locked_at)
      VALUES (${caller}, ${key}, ${requestHash}, ${method}, ${path}, now(), now())
      ON CONFLICT (caller, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
            status_code = NULL, response_body = NULL, created_at = now(), locked_at = now()
        WHERE idempotency_key.created_at < now() - make_interval(hours => ${KEY_RETENTION_HOURS}::int)
           OR (idempotency_key.status_code IS NULL AND idempotency_key.request_hash = EXCLUDED.request_hash
               AND idempotency_key.locked_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}::int))`;
    if (claimed === 1) return { kind: 'claimed' };
    const [row] = await this.db.$queryRaw<KeyRow[]>`
      SELECT request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody"
      FROM idempotency_key WHERE caller = ${caller} AND key = ${key}`;
    if (!row) return this.claim(caller, key, requestHash, method, path); // pruned in between
    if (row.requestHash !== requestHash) return { kind: 'mismatch' };
    if (row.statusCode === null) return { kind: 'in-progress' };
    return { kind: 'completed', statusCode: row.statusCode, body: row.responseBody };
  }

  async complete(caller: string, key: string, statusCode: number, body: unknown): Promise<void> {
    const json = JSON.stringify(body ?? null);
    await this.db.$executeRaw`
      UPDATE idempotency_key SET status_code = ${statusCode}, response_body = ${json}::jsonb
      WHERE caller = ${caller} AND key = ${key}`;
  }

  /** The request failed: nothing was done, so the key is forgotten and a retry runs again. */
  async release(caller: string, key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM idempotency_key WHERE caller = ${caller} AND key = ${key} AND status_code IS NULL`;
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.db.$executeRaw`DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => ${KEY_RETENTION_HOURS}::int)`;
  }
}
