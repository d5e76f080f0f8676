import { BENCH_SERVERS, coreCount, coresBusy, machineCpu, type MachineCpu, type ServiceName } from '../tools/infra';
import { cpuSeconds, readCounters, type DbCounters } from './db-stats';
import type { RunningServices } from './pipeline-services';
import { firstDueAt, latencyWindows, percentile, type CycleLatency, type PipelineCounts } from './pipeline-stats';
import type { StageLatency } from './pipeline-stages';
import { kafkaRatios, printRawLimits, type RawLimits } from './raw-limits';

const SERVICES: ServiceName[] = ['catalog', 'subscriptions', 'orders', 'fulfillment', 'notifications'];

/** Counters at one moment: CPU seconds per service (all replicas), statements and transactions per database. */
export interface Snapshot {
  cpu: Map<string, number>;
  db: DbCounters;
  machine: MachineCpu;
}

export async function snapshot(urls: Record<string, string>, services: RunningServices): Promise<Snapshot> {
  const cpu = new Map<string, number>();
  for (const process of services.processes) cpu.set(process.name, (cpu.get(process.name) ?? 0) + cpuSeconds(process.child.pid));
  const byDatabase = await readCounters(urls['subscriptions']!);
  // The counters are per database (the bench profile's are prefixed: bench_orders); the report is per service.
  const byService = (counters: Map<string, number>) =>
    new Map(SERVICES.map((name) => [name as string, counters.get(new URL(urls[name]!).pathname.slice(1)) ?? 0]));
  return { cpu, machine: machineCpu(BENCH_SERVERS), db: { statements: byService(byDatabase.statements), transactions: byService(byDatabase.transactions) } };
}

export interface PipelineResult {
  count: number;
  totalMs: number;
  replicas: number;
  mode: string;
  limits: RawLimits;
  before: Snapshot;
  after: Snapshot;
  statementStats: boolean;
  counts: PipelineCounts;
  /** Shortest first. */
  latencies: CycleLatency[];
  /** Fed at a steady rate (--rate): latency is also shown per 10 s window. */
  steady: boolean;
  stages: StageLatency[];
}

/** At a steady rate, latency is shown per this much of due time, and each stage's p99 within the first such window and after it. */
export const START_UP_MS = 10_000;

export function printReport(r: PipelineResult): void {
  const perSecond = (r.count / r.totalMs) * 1000;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\n  end to end: ${r.count.toLocaleString('en')} cycles in ${s(r.totalMs)} = ${Math.round(perSecond).toLocaleString('en')} per second (due event -> reservation and email sent; ${r.mode}; ${r.replicas} replica(s))`);
  const sorted = r.latencies.map((cycle) => cycle.ms);
  console.log(`  latency due event -> email sent: p50 ${s(percentile(sorted, 50))}, p99 ${s(percentile(sorted, 99))}, max ${s(sorted.at(-1) ?? NaN)}`);
  if (r.steady && r.latencies.length > 0) {
    const windows = latencyWindows(r.latencies, START_UP_MS).map((w) => `${(w.fromMs / 1000).toFixed(0)} s (${w.count}): ${s(w.p50)} / ${s(w.p99)} / ${s(w.max)}`);
    console.log(`  by ${START_UP_MS / 1000} s of due time (cycles), p50 / p99 / max: ${windows.join('; ')}`);
    const firstDue = firstDueAt(r.latencies);
    const warm = r.latencies.filter((cycle) => cycle.dueAt - firstDue >= START_UP_MS).map((cycle) => cycle.ms); // still shortest first
    const warmFigures = warm.length === 0 ? 'none (the run is shorter)' : `p50 ${s(percentile(warm, 50))}, p99 ${s(percentile(warm, 99))}, max ${s(warm.at(-1)!)}`;
    console.log(`  latency of the cycles due after the first ${START_UP_MS / 1000} s (start-up left out): ${warmFigures}`);
  }
  const c = r.counts;
  const exact = c.orders === r.count && c.distinctOrders === r.count && c.reserved === r.count && c.distinctReserved === r.count
    && c.emails === r.count && c.distinctEmails === r.count;
  console.log(`  counts: orders ${c.orders} (${c.distinctOrders} distinct cycles), reservations ${c.reserved} (${c.distinctReserved} distinct orders), emails sent ${c.emails} (${c.distinctEmails} distinct orders): ${exact ? 'exact, no duplicate' : 'NOT EXACT'}`);
  printStages(r.stages);
  printRawLimits(r.limits);
  console.log(`  ratios: cycles/s = ${kafkaRatios(perSecond, r.limits)}, ${(perSecond / r.limits.pgOneRowTxPerSecond * 100).toFixed(1)}% of one-row PostgreSQL transactions/s`);
  console.log('  per cycle:        CPU ms   statements   transactions');
  let cpuTotal = 0;
  for (const name of SERVICES) {
    const cpuMs = ((r.after.cpu.get(name) ?? 0) - (r.before.cpu.get(name) ?? 0)) * 1000 / r.count;
    cpuTotal += cpuMs;
    const delta = (m: Map<string, number>, n: Map<string, number>) => ((n.get(name) ?? 0) - (m.get(name) ?? 0)) / r.count;
    const statements = r.statementStats ? delta(r.before.db.statements, r.after.db.statements).toFixed(1) : 'n/a';
    const transactions = delta(r.before.db.transactions, r.after.db.transactions).toFixed(2);
    console.log(`    ${name.padEnd(14)} ${cpuMs.toFixed(2).padStart(7)} ${statements.padStart(12)} ${transactions.padStart(14)}`);
  }
  console.log(`    ${'all services'.padEnd(14)} ${cpuTotal.toFixed(2).padStart(7)}   (CPU time for ${r.count} cycles: ${(cpuTotal * r.count / 1000).toFixed(0)} s over ${s(r.totalMs)} wall)`);
  printInfrastructureCpu(r, cpuTotal);
}

/** The rest of a cycle's CPU: PostgreSQL, the broker, the bench itself, and the machine as a whole. */
function printInfrastructureCpu(r: PipelineResult, servicesMs: number): void {
  const perCycle = (key: keyof Omit<MachineCpu, 'at'>) => ((r.after.machine[key] - r.before.machine[key]) * 1000) / r.count;
  const machine = perCycle('machine');
  const rows: Array<[string, number]> = [['PostgreSQL', perCycle('postgres')], ['Kafka broker', perCycle('broker')], ['bench + SMTP sink', perCycle('bench')]];
  // n/a: an external server (DATABASE_URL, KAFKA_BROKERS), whose CPU the machine's figure counts only if it runs here.
  for (const [name, ms] of rows) console.log(`    ${name.padEnd(17)} ${Number.isNaN(ms) ? ' n/a' : ms.toFixed(2).padStart(4)}`);
  const known = servicesMs + rows.reduce((sum, [, ms]) => sum + (Number.isNaN(ms) ? 0 : ms), 0);
  const windowS = (r.after.machine.at - r.before.machine.at) / 1000;
  const busy = coresBusy(r.before.machine, r.after.machine);
  console.log(`    ${'whole machine'.padEnd(14)} ${machine.toFixed(2).padStart(7)}   (other processes ${(machine - known).toFixed(2)}; cores busy ${(busy * 100).toFixed(0)}% of ${coreCount()} over the ${windowS.toFixed(1)} s between the counter readings)`);
}

function printStages(stages: StageLatency[]): void {
  if (stages.length === 0) {
    console.log('  where the time goes: not measured (it reads the times of published outbox rows, which the relays delete by default;'
      + ' OUTBOX_RETENTION_MS=604800000 keeps them)');
    return;
  }
  const startUp = stages.some((stage) => stage.startUp);
  console.log(`  where the time goes (per cycle, ms):  p50      p99${startUp ? `  p99 in the first ${START_UP_MS / 1000} s / after` : ''}`);
  const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(0)); // NaN: no cycle on that side
  for (const { stage, p50, p99, startUp: split } of stages) {
    const apart = split ? `  ${ms(split.p99Within).padStart(8)} / ${ms(split.p99After)}` : '';
    console.log(`    ${stage.padEnd(42)} ${p50.toFixed(0).padStart(7)} ${p99.toFixed(0).padStart(8)}${apart}`);
  }
}
