import { TOPIC_SPECS } from '@oms/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/**
 * Gives the end-to-end suite a clean slate on the run's shared infrastructure:
 * every non-compacted topic's records are deleted up to its high watermark (consumers then
 * start from an empty log) and every service table is emptied.
 */
export async function resetSystemState(brokers: string[], databaseUrls: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'e2e-reset', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Kafka refuses to delete records of compacted topics; their old product
    // versions are harmless (read models keep only newer versions).
    for (const { name } of TOPIC_SPECS.filter((spec) => !spec.compacted)) {
      const offsets = await admin.fetchTopicOffsets(name);
      await admin.deleteTopicRecords({ topic: name, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  } finally {
    await admin.disconnect();
  }
  for (const url of databaseUrls) {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      );
      if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
    } finally {
      await db.end();
    }
  }
}
