import { exportInfraEnvironment, startTestInfra } from './test-infra';
import type { RunningInfra } from '@oms/local-infra';

const KEY = '__omsTestInfra';
type Holder = typeof globalThis & { [KEY]?: RunningInfra };

/** Jest global setup: one broker and one PostgreSQL for the whole run, shared by every project. */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return; // integration and e2e projects share one run's infrastructure
  const begun = Date.now();
  const log = (line: string) => process.stderr.write(`[test-infra] ${line}\n`);
  const { infra, source } = await startTestInfra(log);
  holder[KEY] = infra;
  exportInfraEnvironment(infra);
  log(`ready from ${source} in ${Date.now() - begun} ms`);
}
