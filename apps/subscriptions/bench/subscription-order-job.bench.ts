// `npm run bench:job -- [--count 100000] [--not-due 100000] [--batch 500]`
// Creates N subscriptions due at the same moment (plus M not yet due), runs the
// real subscription-order job once, and prints how long the scan, the planning
// and the writes took, the rate in due-order events per second, how long until
// Kafka had every event, and the plain insert rate of the same database.
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { systemActor } from '@oms/auth';
import { authEnvironment, BENCH_PROFILE, BENCH_SERVERS, coresBusy, machineCpu, startInfra, type MachineCpu } from '@oms/local-infra';
import { OutboxRelay } from '@oms/outbox';
import { Client } from 'pg';
import { insertSubscriptions, measurePlainInserts } from './bench-data.sql';
import { readStatements, resetStatements } from './job-statements.sql';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('count', 100000);
const notDue = arg('not-due', count);
const batch = arg('batch', 500);
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
// Wall time on a shared machine swings by a fifth from run to run; CPU per event is the steadier figure to compare.
// n/a: no /proc (macOS), or an external server (DATABASE_URL, KAFKA_BROKERS) whose process is not here.
const perThousand = (seconds: number, events: number) => (Number.isNaN(seconds) ? 'n/a' : `${((seconds * 1000) / (events / 1000)).toFixed(1)} ms`);
function cpuLine(before: MachineCpu, after: MachineCpu, events: number): string {
  const spent = (key: 'machine' | 'postgres' | 'broker') => after[key] - before[key];
  const busy = coresBusy(before, after);
  return `machine CPU per 1,000 events: ${perThousand(spent('machine'), events)} (PostgreSQL ${perThousand(spent('postgres'), events)}, ` +
    `Kafka broker ${perThousand(spent('broker'), events)}); cores ${Number.isNaN(busy) ? 'n/a' : `${(busy * 100).toFixed(0)}%`} busy`;
}
const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const infra = await startInfra(BENCH_PROFILE, { fresh: true, log: (line) => console.log(`  ${line}`) });
  const db = new Client({ connectionString: infra.databaseUrls['subscriptions'] });
  await db.connect();
  try {
    console.log(`\nplain inserts: ${count.toLocaleString('en')} rows of ~600 bytes in batches of ${batch}`);
    const plainMs = await measurePlainInserts(db, count, batch);
    console.log(`  ${secs(plainMs)} = ${rate(count, plainMs)}`);

    const seeded = performance.now();
    await insertSubscriptions(db, count, day(-1), randomUUID()); // cycle 0 due yesterday 09:00
    await insertSubscriptions(db, notDue, day(2), randomUUID()); // nothing due for two days
    await db.query('ANALYZE');
    console.log(`\nseeded ${count.toLocaleString('en')} due + ${notDue.toLocaleString('en')} not-due subscriptions in ${secs(performance.now() - seeded)}`);
    const plan = await db.query(`EXPLAIN ANALYZE SELECT id FROM subscription WHERE status = 'active' AND next_due_at <= now()
      ORDER BY next_due_at, id LIMIT ${batch} FOR UPDATE SKIP LOCKED`);
    const lines: string[] = plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']!);
    console.log(`  claim query: ${lines.find((l) => /Scan/.test(l))?.trim()}\n  ${lines.at(-1)?.trim()}`);

    Object.assign(process.env, {
      NODE_ENV: 'production', DATABASE_URL: infra.databaseUrls['subscriptions'], KAFKA_BROKERS: infra.kafkaBrokers,
      SCHEDULER_INTERVAL_MS: '0', JOB_BATCH_SIZE: String(batch), LOG_LEVEL: 'warn', KAFKA_GROUP_ID: 'subscriptions-bench', ...authEnvironment(infra),
    });
    const { AppModule } = await import('../src/app.module');
    const { SubscriptionOrderJob } = await import('../src/job/subscription-order.job');
    const { DueBatchProcessor } = await import('../src/job/due-batch.processor');
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    await app.init();
    const timings = { scanMs: 0, planMs: 0, writeMs: 0, batches: 0 };
    const processor = app.get(DueBatchProcessor);
    const processBatch = processor.process.bind(processor);
    processor.process = async (...args) => {
      const result = await processBatch(...args);
      timings.scanMs += result.timings.scanMs;
      timings.planMs += result.timings.planMs;
      timings.writeMs += result.timings.writeMs;
      timings.batches += 1;
      return result;
    };

    console.log(`\njob: one run over ${(count + notDue).toLocaleString('en')} subscriptions (relay publishing to Kafka alongside)`);
    const statsOn = await resetStatements(db);
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineCpu(BENCH_SERVERS);
    const begun = performance.now();
    const run = await app.get(SubscriptionOrderJob).run('manual', systemActor('subscriptions'));
    const jobMs = performance.now() - begun;
    const relay = app.get(OutboxRelay);
    while ((await relay.backlog()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const publishedMs = performance.now() - begun;
    const cpu = process.cpuUsage(cpuBefore);
    const machineAfter = machineCpu(BENCH_SERVERS);
    console.log(`  run ${run.status}: scanned ${run.scanned}, due ${run.due}, emitted ${run.emitted}, skipped ${run.skipped}, failed ${run.failed}`);
    console.log(`  job ${secs(jobMs)} = ${rate(run.emitted, jobMs)} due-order events written (${timings.batches} batches)`);
    console.log(`    scan (claim + load) ${secs(timings.scanMs)}, plan ${secs(timings.planMs)}, write ${secs(timings.writeMs)}`);
    console.log(`  all ${run.emitted.toLocaleString('en')} events on Kafka after ${secs(publishedMs)} = ${rate(run.emitted, publishedMs)}`);
    console.log(`  plain insert rate for comparison: ${rate(count, plainMs)}; job/plain = ${((jobMs ? run.emitted / jobMs : 0) / (count / plainMs) * 100).toFixed(1)}%`);
    console.log(`  bench process CPU (job + relay + Kafka client): ${secs((cpu.user + cpu.system) / 1000)} = ${(((cpu.user + cpu.system) / 1000) / (run.emitted / 1000)).toFixed(1)} ms per 1,000 events`);
    console.log(`  ${cpuLine(machineBefore, machineAfter, run.emitted)}`);
    if (statsOn) {
      const statements = await readStatements(db);
      const calls = statements.reduce((n, s) => n + s.calls, 0);
      const dbMs = statements.reduce((n, s) => n + s.totalMs, 0);
      console.log(`  PostgreSQL: ${calls.toLocaleString('en')} statements (${(calls / timings.batches).toFixed(1)} per batch), ${secs(dbMs)} executing; the costliest:`);
      for (const s of statements.slice(0, 8)) console.log(`    ${secs(s.totalMs).padStart(8)} ${String(s.calls).padStart(7)} calls  ${s.query.slice(0, 110)}`);
    }
    await app.close();
  } finally {
    await db.end();
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
