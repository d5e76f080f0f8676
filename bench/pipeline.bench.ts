// `npm run bench:pipeline -- [--count 20000] [--replicas 1|2] [--rate N --duration-s S] [--cpu-prof DIR] [--statements SERVICE[,SERVICE...]] [--dispatch-process]`
// Pushes N due subscriptions through the whole system (five service processes,
// real Kafka, PostgreSQL and SMTP sink): due event -> sales order ->
// reservation and release -> confirmation email recorded as sent. Prints the
// end-to-end throughput, the p50/p99/max latency from due event to email, the
// cost per cycle (CPU per service, statements and transactions per database),
// rows written per cycle per table, exact counts, and the raw limits of Kafka and PostgreSQL measured in the same run.
// --rate feeds N cycles per second for --duration-s instead of all at once (latency at a steady load).
// --replicas 2 runs two processes each of orders, fulfillment and notifications (one group each).
// --dispatch-process sends notifications' email from a process of its own that consumes nothing (KAFKA_CONSUME=false).
// --cpu-prof DIR writes each service's V8 CPU profile to DIR when it stops (open in Chrome DevTools or speedscope).
// --statements SERVICE[,SERVICE...] lists each named service's statements (pg_stat_statements), most time first.
import { resolve } from 'node:path';
import { Client } from 'pg';
import { insertSubscriptions } from '../apps/subscriptions/bench/bench-data.sql';
import { BENCH_PROFILE, startInfra } from '../tools/infra';
import { resetStatementStats } from './db-stats';
import { measureRawLimits } from './raw-limits';
import { firstDueAt, latencies, pipelineCounts } from './pipeline-stats';
import { printReport, snapshot, START_UP_MS } from './pipeline-report';
import { stageBreakdown } from './pipeline-stages';
import { printTopStatements } from './top-statements';
import { printTableWrites, readTableWrites } from './table-writes';
import { printWal, readWal } from './wal-stats';
import { post, startServices, type RunningServices } from './pipeline-services';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rate = arg('rate', 0);
const durationS = arg('duration-s', 60);
const count = rate > 0 ? Math.round(rate * durationS) : arg('count', 20000);
const replicas = arg('replicas', 1);
const timeoutMs = arg('timeout-s', 1800) * 1000;
const profileArg = process.argv.indexOf('--cpu-prof');
const profileDir = process.argv[profileArg + 1];
const cpuProfileDir = profileArg > 0 ? resolve(profileDir && !profileDir.startsWith('--') ? profileDir : '.local/bench/cpu-profiles') : undefined;
const statementsArg = process.argv.indexOf('--statements');
const statementsOf = statementsArg > 0 ? (process.argv[statementsArg + 1] ?? '').split(',').filter(Boolean) : [];
const dispatchProcess = process.argv.includes('--dispatch-process');
/**
 * The services take OUTBOX_RETENTION_MS from this environment: they keep published outbox rows, which the stage
 * breakdown reads, only with a retention above 0; by default their relays delete them.
 */
const outboxKept = Number(process.env['OUTBOX_RETENTION_MS'] ?? '0') > 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yesterday = () => new Date(Date.now() - 86400000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const infra = await startInfra(BENCH_PROFILE, { fresh: true, log: (line) => console.log(`  ${line}`) });
  let services: RunningServices | undefined;
  let stopped: Promise<void> | undefined;
  const stopAll = () => (stopped ??= (async () => {
    await services?.stop();
    await infra.stop();
  })());
  stopOnSignal(stopAll);
  try {
    console.log('\nraw limits (measured before the services start)');
    const limits = await measureRawLimits(infra.kafkaBrokers.split(','), infra.databaseUrls['subscriptions']!);
    services = await startServices(infra, replicas, cpuProfileDir, dispatchProcess);
    const sku = 'BENCH-SKU';
    const product = await post(services, 'catalog', '/products', { sku, name: 'Benchmark item', type: 'goods', subscribable: true, allowedFrequencies: [{ unit: 'month', interval: 1 }], prices: [{ currency: 'EUR', amountMinor: 999 }] });
    await post(services, 'fulfillment', '/warehouses', { code: 'MAIN', name: 'Main' });
    await post(services, 'fulfillment', `/warehouses/MAIN/stock/${sku}`, { onHand: count }, 'PUT');
    const db = new Client({ connectionString: infra.databaseUrls['subscriptions'] });
    await db.connect();
    if (rate === 0) await insertSubscriptions(db, count, yesterday(), String(product['productId']), sku);
    await sleep(3000); // the product reaches the orders service's read model
    const statementStats = await resetStatementStats(infra.databaseUrls['subscriptions']!);
    const before = await snapshot(infra.databaseUrls, services);
    const writesBefore = await readTableWrites(infra.databaseUrls);
    const walBefore = await readWal(infra.databaseUrls['subscriptions']!, true);
    const mode = (rate > 0 ? `${rate} cycles/s fed for ${durationS} s` : 'all due at once') + (outboxKept ? `, published outbox rows kept (OUTBOX_RETENTION_MS=${process.env['OUTBOX_RETENTION_MS']})` : '');
    console.log(`\npipeline: ${count.toLocaleString('en')} subscriptions, ${mode}, ${replicas} replica(s) of orders, fulfillment, notifications${dispatchProcess ? ', email sent from a process of its own' : ''}`);
    const begun = performance.now();
    if (rate > 0) {
      // Each second: that second's subscriptions become due, and a job run emits them.
      for (let second = 0; second < durationS; second += 1) {
        const tick = begun + second * 1000;
        if (tick > performance.now()) await sleep(tick - performance.now());
        await insertSubscriptions(db, rate, yesterday(), String(product['productId']), sku);
        await post(services, 'subscriptions', '/jobs/subscription-orders/runs', {});
      }
    } else {
      await post(services, 'subscriptions', '/jobs/subscription-orders/runs?wait=true', {});
      console.log(`  job finished after ${((performance.now() - begun) / 1000).toFixed(1)} s`);
    }
    await db.end();
    for (;;) {
      const counts = await pipelineCounts(infra.databaseUrls);
      const elapsed = performance.now() - begun;
      console.log(`  ${(elapsed / 1000).toFixed(0).padStart(4)} s  due ${counts.due}  orders ${counts.orders}  reservations ${counts.reserved}  emails sent ${counts.emails}`);
      // A cycle ends with both its reservation and its email: either can lag the other (with two replicas, reservations did).
      if (counts.emails >= count && counts.reserved >= count) break;
      if (elapsed > timeoutMs) throw new Error(`timed out with ${counts.emails} of ${count} emails`);
      // A fed second whose run found the previous one still going waits for the next run; after the last
      // second there is none (the benchmark's scheduler is off), so runs go on until every cycle is due.
      if (rate > 0 && counts.due < count) await post(services, 'subscriptions', '/jobs/subscription-orders/runs', {});
      await sleep(rate > 0 ? 1000 : 2000);
    }
    const totalMs = performance.now() - begun;
    await sleep(3000); // anything still in flight shows up as a duplicate in the counts below
    const walAfter = await readWal(infra.databaseUrls['subscriptions']!);
    const after = await snapshot(infra.databaseUrls, services);
    const cycleLatencies = await latencies(infra.databaseUrls);
    printReport({
      count, totalMs, replicas, mode, limits, before, after, statementStats, steady: rate > 0,
      counts: await pipelineCounts(infra.databaseUrls), latencies: cycleLatencies,
      stages: outboxKept ? await stageBreakdown(infra.databaseUrls, rate > 0 ? { fromMs: firstDueAt(cycleLatencies), ms: START_UP_MS } : undefined) : [],
    });
    printTableWrites(writesBefore, await readTableWrites(infra.databaseUrls), count);
    printWal(walBefore, walAfter, count, rate > 0 ? '; the bench inserts each second\'s subscriptions meanwhile' : '');
    for (const service of statementsOf) {
      const statementsUrl = infra.databaseUrls[service];
      if (statementsUrl) await printTopStatements(infra.databaseUrls['subscriptions']!, statementsUrl, service, count);
      else console.log(`\n  --statements: no database named ${service} (${Object.keys(infra.databaseUrls).join(', ')})`);
    }
  } finally {
    await stopAll();
  }
}

/**
 * Ctrl-C or a kill: stops what the bench started (services, then the broker and the database) and exits;
 * the broker runs detached, so without this it and the services would outlive an interrupted run.
 */
function stopOnSignal(stopAll: () => Promise<void>): void {
  const stop = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the services, the broker and the database`);
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
