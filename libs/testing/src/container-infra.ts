import type { StartedTestContainer } from 'testcontainers';
import { containerImages, startInfra, TEST_PROFILE, type RunningInfra } from '@oms/local-infra';

/** True when a Docker (or compatible) engine answers; decided by Testcontainers' own strategy. */
export async function dockerEngineReachable(timeoutMs = 3000): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const probe = getContainerRuntimeClient().then(() => true, () => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}

/**
 * Starts PostgreSQL and Kafka from the project's images (docker-compose.yml's x-images, built by
 * `npm run containers -- images`), on the test profile's host ports (OMS_PORT_OFFSET applies), then
 * hands their addresses to the same preparation as the local path (databases, migrations, topics),
 * so the tests cannot tell the difference. Ryuk is off (its image cannot be pulled here): global
 * teardown stops the containers, and a run removes any its predecessor left behind.
 */
export async function startContainerInfra(log: (line: string) => void): Promise<RunningInfra> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  const { GenericContainer, Wait } = await import('testcontainers');
  const images = containerImages();
  const { postgresPort, kafkaPort } = TEST_PROFILE;
  const suffix = `${TEST_PROFILE.kafkaPort}`;
  await removeLeftovers([`oms-test-postgres-${suffix}`, `oms-test-kafka-${suffix}`]);
  const containers: StartedTestContainer[] = [];
  const stopContainers = async () => {
    await Promise.all(containers.map((container) => container.stop({ remove: true, removeVolumes: true })));
  };
  try {
    const started = await Promise.allSettled([
      new GenericContainer(images.postgres)
        .withName(`oms-test-postgres-${suffix}`)
        .withEnvironment({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres' })
        .withExposedPorts({ container: 5432, host: postgresPort })
        .withWaitStrategy(Wait.forLogMessage('database system is ready to accept connections'))
        .start(),
      new GenericContainer(images.kafka)
        .withName(`oms-test-kafka-${suffix}`)
        .withEnvironment({ KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}` })
        .withExposedPorts({ container: 9092, host: kafkaPort })
        .withWaitStrategy(Wait.forLogMessage(/\[BrokerServer id=1\] Transition from STARTING to STARTED/))
        .withStartupTimeout(120_000)
        .start(),
    ]);
    for (const result of started) if (result.status === 'fulfilled') containers.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const env = {
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`,
    };
    log(`testcontainers: ${images.postgres} on ${postgresPort}, ${images.kafka} on ${kafkaPort}`);
    const infra = await startInfra(TEST_PROFILE, { fresh: true, env, log });
    const stop = async () => {
      await infra.stop();
      await stopContainers();
    };
    return { ...infra, started: [...infra.started, 'postgres (container)', 'kafka (container)'], stop };
  } catch (error) {
    await stopContainers();
    throw error;
  }
}

/** Removes containers of these names left by a run that never reached its teardown. */
async function removeLeftovers(names: string[]): Promise<void> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  for (const name of names) {
    await client.container.getById(name).remove({ force: true, v: true }).catch(() => undefined);
  }
}
