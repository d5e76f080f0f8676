// `npm run bench:pipeline -- [--count 20000]`
// Pushes N due subscriptions through the whole system (five service processes,
// real Kafka, PostgreSQL and SMTP sink): due event -> sales order ->
// reservation and release -> confirmation email recorded as sent. Prints the
// end-to-end throughput and the p50/p99 latency from due event to email.
import { join } from 'node:path';
import { Client } from 'pg';
import { insertSubscriptions } from '../apps/subscriptions/bench/bench-data.sql';
import { authEnvironment, BENCH_PROFILE, PORT_OFFSET, readSigningKey, SERVICES, signToken, startInfra, type ServiceName } from '../tools/infra';
import { spawnService, waitUntilReady, type ServiceProcess } from '../tools/dev/service-process';
import { latencies, percentile, pipelineCounts } from './pipeline-stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('count', 20000);
const timeoutMs = arg('timeout-s', 1800) * 1000;
const PORTS: Record<ServiceName, number> = {
  catalog: 5101 + PORT_OFFSET, subscriptions: 5102 + PORT_OFFSET, orders: 5103 + PORT_OFFSET,
  fulfillment: 5104 + PORT_OFFSET, notifications: 5105 + PORT_OFFSET,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let token = '';
const post = async (service: ServiceName, path: string, body: unknown, method = 'POST') => {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const response = await fetch(`http://127.0.0.1:${PORTS[service]}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${service} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
};

async function main(): Promise<void> {
  const infra = await startInfra(BENCH_PROFILE, { fresh: true, log: (line) => console.log(`  ${line}`) });
  if (!infra.auth.keyFile) throw new Error('the pipeline benchmark signs its own tokens: unset AUTH_JWKS_URL');
  token = signToken(readSigningKey(infra.auth.keyFile), { role: 'admin', sub: 'bench', expiresInSeconds: 4 * 3600 });
  const services: ServiceProcess[] = [];
  try {
    for (const { name } of SERVICES) {
      const env = {
        NODE_ENV: 'production', LOG_LEVEL: 'warn', KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrls[name]!,
        SMTP_URL: infra.smtpUrl, SCHEDULER_INTERVAL_MS: '0', DISPATCH_INTERVAL_MS: '100', ...authEnvironment(infra),
      };
      services.push(spawnService(name, PORTS[name], env, join(BENCH_PROFILE.stateDir, 'logs'), () => undefined));
    }
    await Promise.all(services.map((service) => waitUntilReady(service, 90000)));
    const sku = 'BENCH-SKU';
    const product = await post('catalog', '/products', { sku, name: 'Benchmark item', type: 'goods', subscribable: true, allowedFrequencies: [{ unit: 'month', interval: 1 }], prices: [{ currency: 'EUR', amountMinor: 999 }] });
    await post('fulfillment', '/warehouses', { code: 'MAIN', name: 'Main' });
    await post('fulfillment', `/warehouses/MAIN/stock/${sku}`, { onHand: count }, 'PUT');
    const db = new Client({ connectionString: infra.databaseUrls['subscriptions'] });
    await db.connect();
    await insertSubscriptions(db, count, new Date(Date.now() - 86400000).toISOString().slice(0, 10), String(product['productId']), sku);
    await db.end();
    await sleep(3000); // the product reaches the orders service's read model
    console.log(`\npipeline: ${count.toLocaleString('en')} subscriptions due now, one line each`);
    const begun = performance.now();
    await post('subscriptions', '/jobs/subscription-orders/runs?wait=true', {});
    console.log(`  job finished after ${((performance.now() - begun) / 1000).toFixed(1)} s`);
    for (;;) {
      const counts = await pipelineCounts(infra.databaseUrls);
      const elapsed = performance.now() - begun;
      console.log(`  ${(elapsed / 1000).toFixed(0).padStart(4)} s  due ${counts.due}  orders ${counts.orders}  reservations ${counts.reserved}  emails sent ${counts.emails}`);
      if (counts.emails >= count) break;
      if (elapsed > timeoutMs) throw new Error(`timed out with ${counts.emails} of ${count} emails`);
      await sleep(5000);
    }
    const totalMs = performance.now() - begun;
    const sorted = await latencies(infra.databaseUrls);
    console.log(`\n  end to end: ${count.toLocaleString('en')} cycles in ${(totalMs / 1000).toFixed(1)} s = ${Math.round((count / totalMs) * 1000)} per second (due event -> email sent)`);
    console.log(`  latency due event -> email sent: p50 ${(percentile(sorted, 50) / 1000).toFixed(1)} s, p99 ${(percentile(sorted, 99) / 1000).toFixed(1)} s, max ${(sorted.at(-1)! / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
