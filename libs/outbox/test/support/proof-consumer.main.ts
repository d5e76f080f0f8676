// A proof service run as a child process: node -r @swc-node/register libs/outbox/test/support/proof-consumer.main.ts
// Env: KAFKA_BROKERS, MESSAGING_PROOF_DATABASE_URL, PROOF_TOPIC, PROOF_GROUP_ID, and
// PROOF_CRASH_AFTER_EFFECT=1 to SIGKILL itself after its first effect commits, before the offset commit.
import { createProofApp } from './proof-app';
import { proofListenerFor } from './proof-listener';

async function main(): Promise<void> {
  const topic = required('PROOF_TOPIC');
  const crashAfterEffect = process.env['PROOF_CRASH_AFTER_EFFECT'] === '1';
  const app = await createProofApp({ groupId: required('PROOF_GROUP_ID'), listeners: [proofListenerFor(topic, { crashAfterEffect })] });
  process.stdout.write('proof consumer started\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`proof consumer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
