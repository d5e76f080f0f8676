import type { StartedTestContainer } from 'testcontainers';
import { startInfra, type RunningInfra } from '@oms/local-infra';
import { TEST_PROFILE } from '@oms/local-infra';

/** True when a Docker (or compatible) engine answers; decided by Testcontainers' own strategy. */
export async function dockerEngineReachable(timeoutMs = 3000): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const probe = getContainerRuntimeClient().then(() => true, () => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}

/**
 * Starts PostgreSQL and Kafka as containers, then hands their addresses to the
 * same preparation as the local path (databases, migrations, topics), so the
 * tests cannot tell the difference.
 */
export async function startContainerInfra(log: (line: string) => void): Promise<RunningInfra> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const containers: StartedTestContainer[] = [];
  const stopContainers = async () => {
    await Promise.all(containers.map((container) => container.stop()));
  };
  try {
    const [postgres, kafka] = await Promise.all([
      new PostgreSqlContainer('postgres:16-alpine').start(),
      new KafkaContainer('confluentinc/cp-kafka:7.9.0')
        .withKraft()
        .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
        .start(),
    ]);
    containers.push(postgres, kafka);
    const env = {
      KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      DATABASE_URL: postgres.getConnectionUri(),
    };
    log(`testcontainers: postgres ${env.DATABASE_URL}, kafka ${env.KAFKA_BROKERS}`);
    const infra = await startInfra(TEST_PROFILE, { fresh: true, env, log });
    return { ...infra, started: ['postgres (container)', 'kafka (container)'], stop: stopContainers };
  } catch (error) {
    await stopContainers();
    throw error;
  }
}
