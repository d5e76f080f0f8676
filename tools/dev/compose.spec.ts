import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEV_PROFILE } from '../infra/profiles';
import { SERVICES, databaseUrlVariable } from '../infra/services';

// docker-compose.yml cannot run on machines without Docker, so this spec is what
// keeps it in step with the local tooling: same ports, names and variables.
const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true });
const initSql = readFileSync(join(__dirname, '../docker/init-databases.sql'), 'utf8');

describe('docker-compose.yml', () => {
  it.each(SERVICES.map((s) => [s.name, s.port] as const))('runs %s on port %i with its own database', (name, port) => {
    const service = compose.services[name];
    expect(service.environment).toMatchObject({ SERVICE: name, PORT: port, NODE_ENV: 'production' });
    expect(service.environment.DATABASE_URL).toMatch(new RegExp(`/${name}$`));
    expect(service.environment.KAFKA_BROKERS).toBeDefined();
    expect(service.ports).toEqual([`${port}:${port}`]);
    expect(service.healthcheck.test.join(' ')).toContain(`:${port}/health/ready`);
    expect(initSql).toContain(`CREATE DATABASE ${name};`);
    expect(compose.services.setup.environment[databaseUrlVariable(name)]).toMatch(new RegExp(`/${name}$`));
  });

  it('exposes PostgreSQL and Kafka on the local tooling ports, with topic auto-create off', () => {
    expect(compose.services.postgres.ports).toEqual([`${DEV_PROFILE.postgresPort}:5432`]);
    expect(compose.services.kafka.ports).toEqual([`${DEV_PROFILE.kafkaPort}:${DEV_PROFILE.kafkaPort}`]);
    expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services.kafka.image).toBe('apache/kafka:3.9.1');
  });

  it('creates topics and applies migrations with the project tooling before services start', () => {
    expect(compose.services.setup.command.join(' ')).toContain('npm run infra -- migrate && npm run infra -- topics');
    for (const { name } of SERVICES) expect(compose.services[name].depends_on.setup.condition).toBe('service_completed_successfully');
  });
});
