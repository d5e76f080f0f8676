import { join } from 'node:path';
import { authEnvironment, BENCH_PROFILE, PORT_OFFSET, readSigningKey, SERVICES, signToken, type RunningInfra, type ServiceName } from '../tools/infra';
import { spawnService, waitUntilReady, type ServiceProcess } from '../tools/dev/service-process';

/** Lets a profiled service exit normally, which is when Node writes its CPU profile. */
const PROFILE_EXIT = join(__dirname, 'cpu-profile-exit.preload.ts');

/** Services that can run as a second replica in the benchmark (consumers sharing one group). */
const SCALABLE: ServiceName[] = ['orders', 'fulfillment', 'notifications'];
/** Replica r of a service listens on its port + 10 r; the dispatch-only process (`dispatchProcess`) on the next ten. */
export const MAX_REPLICAS = 5;

export interface RunningServices {
  processes: ServiceProcess[];
  /** First replica's port of each service. */
  ports: Record<ServiceName, number>;
  /** Admin bearer token signed with the run's local issuer key. */
  token: string;
  stop(): Promise<void>;
}

/**
 * @param cpuProfileDir - when set, each service process writes a V8 CPU profile there when it stops
 *   (`--cpu-prof`), named `<service>-<replica>.cpuprofile` after the run.
 * @param dispatchProcess - notifications' email goes out from a process of its own that consumes nothing
 *   (KAFKA_CONSUME=false), and the consuming replicas do not dispatch (DISPATCH_INTERVAL_MS=0): its SMTP round
 *   trips then wait for no consumer batch on a shared event loop. Its CPU counts as notifications'.
 */
export async function startServices(infra: RunningInfra, replicas: number, cpuProfileDir?: string, dispatchProcess = false): Promise<RunningServices> {
  if (!(replicas >= 1 && replicas <= MAX_REPLICAS)) throw new Error(`--replicas must be 1 to ${MAX_REPLICAS}, got ${replicas}`);
  if (!infra.auth.keyFile) throw new Error('the pipeline benchmark signs its own tokens: unset AUTH_JWKS_URL');
  const token = signToken(readSigningKey(infra.auth.keyFile), { role: 'admin', sub: 'bench', expiresInSeconds: 4 * 3600 });
  const ports = Object.fromEntries(SERVICES.map(({ name }, i) => [name, 5101 + i + PORT_OFFSET])) as Record<ServiceName, number>;
  const processes: ServiceProcess[] = [];
  for (const { name } of SERVICES) {
    const env = {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrls[name]!,
      SMTP_URL: infra.smtpUrl, SCHEDULER_INTERVAL_MS: '0', DISPATCH_INTERVAL_MS: process.env['DISPATCH_INTERVAL_MS'] ?? '100', ...authEnvironment(infra),
      // A deployment tuned for throughput (README Benchmarks): every partition of a consumer's topics in flight at once
      // (the busy topics have 6), so one batch's database round trips overlap another's; 10 pooled SMTP connections.
      KAFKA_PARTITIONS_CONCURRENCY: process.env['KAFKA_PARTITIONS_CONCURRENCY'] ?? '6',
      SMTP_MAX_CONNECTIONS: process.env['SMTP_MAX_CONNECTIONS'] ?? '10',
    };
    const copies = SCALABLE.includes(name) ? replicas : 1;
    const dispatchApart = dispatchProcess && name === 'notifications';
    for (let replica = 0; replica < copies; replica += 1) {
      const logs = join(BENCH_PROFILE.stateDir, 'logs', replica === 0 ? '' : `replica-${replica}`);
      const replicaEnv = dispatchApart ? { ...env, DISPATCH_INTERVAL_MS: '0' } : env;
      processes.push(spawnService(name, ports[name] + replica * 10, replicaEnv, logs, () => undefined, profileArgs(cpuProfileDir, `${name}-${replica}`)));
    }
    if (dispatchApart) {
      const logs = join(BENCH_PROFILE.stateDir, 'logs', 'dispatch');
      const dispatchEnv = { ...env, KAFKA_CONSUME: 'false' };
      processes.push(spawnService(name, ports[name] + 10 * MAX_REPLICAS, dispatchEnv, logs, () => undefined, profileArgs(cpuProfileDir, `${name}-dispatch`)));
    }
  }
  const stop = async () => { await Promise.all(processes.map((service) => service.stop())); };
  try {
    // 180 s: on a loaded 2-core machine (load 20) services were seen taking over 90 s to compile and connect.
    await Promise.all(processes.map((service) => waitUntilReady(service, 180_000)));
  } catch (error) {
    await stop(); // the ones that did start must not outlive the failed run
    throw error;
  }
  return { processes, ports, token, stop };
}

function profileArgs(cpuProfileDir: string | undefined, fileName: string): string[] {
  return cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, `--cpu-prof-name=${fileName}.cpuprofile`, '-r', PROFILE_EXIT] : [];
}

export async function post(services: RunningServices, service: ServiceName, path: string, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${services.token}` };
  const response = await fetch(`http://127.0.0.1:${services.ports[service]}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${service} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}
