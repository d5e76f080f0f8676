import type { RunningInfra } from '@oms/local-infra';

/** Jest global teardown: stops what global setup started (never external infrastructure). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as typeof globalThis & { __omsTestInfra?: RunningInfra };
  const infra = holder.__omsTestInfra;
  if (!infra) return;
  delete holder.__omsTestInfra;
  await infra.stop();
}
