import { Logger } from '@nestjs/common';
import { fixtures } from '@oms/contracts';
import { OutboxSweeper } from '../src';
import { resolveSweepOptions, type OutboxSweepOptions } from '../src/outbox-sweep.options';
import type { PrismaClient } from './generated/prisma/client';
import { pollUntil } from './support/poll';
import { createProofDatabase } from './support/proof-database';
import { resetProofTables } from './support/proof-queries';

jest.setTimeout(30_000);

const HOUR = 3_600_000;

// Retention: published outbox rows older than OUTBOX_RETENTION_MS are deleted in bounded batches; nothing else is.
describe('outbox retention sweep (real PostgreSQL)', () => {
  let db: PrismaClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = createProofDatabase();
  });

  beforeEach(async () => {
    await resetProofTables(db);
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  /** One outbox row per entry: its age in hours and whether it was published (then `age` hours ago too). */
  const insertRows = async (rows: Array<{ label: string; ageHours: number; published: boolean }>): Promise<void> => {
    for (const row of rows) {
      const at = new Date(Date.now() - row.ageHours * HOUR);
      await db.outboxEvent.create({
        data: { eventId: fixtures.orderCreated().id, topic: 't', messageKey: row.label, payload: {}, createdAt: at, publishedAt: row.published ? at : null },
      });
    }
  };
  const remaining = async () => (await db.outboxEvent.findMany({ orderBy: { id: 'asc' } })).map((row) => row.messageKey);
  const sweeper = (options: OutboxSweepOptions) => new OutboxSweeper(db, resolveSweepOptions(options));

  it('deletes the published rows older than the retention, batch by batch, and never an unpublished or younger one', async () => {
    await insertRows([
      { label: 'old-published-1', ageHours: 30, published: true },
      { label: 'old-unpublished', ageHours: 30, published: false },
      { label: 'old-published-2', ageHours: 26, published: true },
      { label: 'young-published', ageHours: 1, published: true },
      { label: 'old-published-3', ageHours: 25, published: true },
      { label: 'young-unpublished', ageHours: 0, published: false },
    ]);

    const statements = jest.spyOn(db, '$executeRaw');
    await expect(sweeper({ retentionMs: 24 * HOUR, batchSize: 2 }).sweepOnce()).resolves.toBe(3);
    expect(statements).toHaveBeenCalledTimes(2); // a full batch of 2, then a short one
    statements.mockRestore();
    expect(await remaining()).toEqual(['old-unpublished', 'young-published', 'young-unpublished']);
    await expect(sweeper({ retentionMs: 24 * HOUR }).sweepOnce()).resolves.toBe(0);
  });

  it('sweeps every interval once started, and not at all with interval 0', async () => {
    await insertRows([{ label: 'old-published', ageHours: 2, published: true }, { label: 'unpublished', ageHours: 2, published: false }]);
    const off = sweeper({ intervalMs: 0, retentionMs: HOUR });
    off.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await off.beforeApplicationShutdown();
    expect(await remaining()).toEqual(['old-published', 'unpublished']);

    const on = sweeper({ intervalMs: 50, retentionMs: HOUR });
    on.onApplicationBootstrap();
    try {
      await pollUntil('the periodic sweep', remaining, (labels) => labels.length === 1);
    } finally {
      await on.beforeApplicationShutdown();
    }
    expect(await remaining()).toEqual(['unpublished']);
  });
});
