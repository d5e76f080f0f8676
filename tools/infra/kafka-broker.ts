// Runs a real single-node Apache Kafka broker (KRaft, combined broker+controller) from
// Maven Central jars, so tests and local dev need neither Docker nor ZooKeeper.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Admin } from '@platformatic/kafka';
import { processArgs } from './process-args';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const KAFKA_TOOLS_DIR = path.resolve(__dirname, '../kafka');

export interface KafkaBrokerOptions {
  dataDir: string; // server.properties, broker.pid, broker.log and kraft-logs/ live here
  port: number; // PLAINTEXT listener on 127.0.0.1
  controllerPort: number; // KRaft CONTROLLER listener on 127.0.0.1
  logFile?: string; // default: <dataDir>/broker.log; the previous run's is kept as <logFile>.prev
  heapMb?: number; // default: 512
  readyTimeoutMs?: number; // default: 60000
  // true: own process group, so a terminal Ctrl-C does not reach the broker (a long-lived dev broker).
  // Default false: Ctrl-C hits java too, a safety net against stray brokers. Either way the child is
  // unref'd and writes to a file (no pipes), so it never keeps the Node event loop alive by itself.
  detached?: boolean;
  // A secured broker: the client listener is SASL_PLAINTEXT with SCRAM-SHA-512 only, and this user
  // (also the inter-broker user) is created when the storage is formatted (KRaft: --add-scram).
  scram?: { username: string; password: string };
}

export interface KafkaBrokerHandle {
  brokers: string; // "127.0.0.1:<port>"
  pid: number;
  stop(): Promise<void>; // SIGTERM, up to 20 s for a clean shutdown, then SIGKILL; idempotent
}

/** The Kafka version tools/kafka/pom.xml runs (its kafka.version property), which the local broker and the image run. */
export function kafkaVersion(): string {
  const version = /<kafka.version>([^<]+)</.exec(fs.readFileSync(path.join(KAFKA_TOOLS_DIR, 'pom.xml'), 'utf8'))?.[1];
  if (!version) throw new Error(`${path.join(KAFKA_TOOLS_DIR, 'pom.xml')} names no kafka.version`);
  return version;
}

/** Copies the broker classpath into tools/kafka/jars/<pom-hash>/ once; returns that folder. */
export async function ensureKafkaJars(): Promise<string> {
  const pom = path.join(KAFKA_TOOLS_DIR, 'pom.xml');
  const hash = createHash('sha256').update(fs.readFileSync(pom)).digest('hex').slice(0, 12);
  const root = path.join(KAFKA_TOOLS_DIR, 'jars');
  const dir = path.join(root, hash); // a pom change gets a fresh folder: no stale jars on the classpath
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;

  console.error(`[kafka-broker] resolving Kafka jars with Maven into ${dir} (first run only)...`);
  // Stage then rename, so a concurrent start never sees a half-copied classpath.
  const staging = path.join(root, `.staging-${process.pid}-${Date.now()}`);
  try {
    await run('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
      { maxBuffer: 64 << 20 });
    fs.writeFileSync(path.join(staging, '.complete'), `${hash}\n`);
    try { fs.renameSync(staging, dir); } catch (e) { // a concurrent run may have won the race: fine
      if (!fs.existsSync(path.join(dir, '.complete'))) throw e;
    }
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`Resolving Kafka jars failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const old of fs.readdirSync(root)) { // drop classpaths of earlier pom versions
    if (old !== hash && !old.startsWith('.')) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  }
  return dir;
}

/** Starts a broker (formatting storage only on first use) and resolves once a client can list topics. */
export async function startKafkaBroker(opts: KafkaBrokerOptions): Promise<KafkaBrokerHandle> {
  const { port, controllerPort, heapMb = 512, readyTimeoutMs = 60_000 } = opts;
  const dataDir = path.resolve(opts.dataDir);
  const logFile = opts.logFile ?? path.join(dataDir, 'broker.log');
  const [props, pidFile, logDir] = ['server.properties', 'broker.pid', 'kraft-logs'].map((f) => path.join(dataDir, f));
  const jars = await ensureKafkaJars();
  fs.mkdirSync(dataDir, { recursive: true });

  // A broker left over on this dataDir (e.g. its parent was SIGKILLed) is stopped, then we start
  // fresh on the same data. Reusing it would hand out a process whose config/heap/log may differ.
  const stale = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
  if (stale > 0 && isOurBroker(stale, props)) await terminate(stale, () => !isAlive(stale));
  for (const p of [port, controllerPort]) {
    if (await isListening(p)) throw new Error(`port ${p} is already in use by another process`);
  }

  fs.writeFileSync(props, serverProperties(port, controllerPort, logDir) + (opts.scram ? scramProperties(port, controllerPort, opts.scram) : ''));
  fs.writeFileSync(path.join(dataDir, LOG4J2_FILE), LOG4J2);
  const jvm = ['-cp', path.join(jars, '*'), `-Dlog4j2.configurationFile=${path.join(dataDir, LOG4J2_FILE)}`];
  if (!fs.existsSync(path.join(logDir, 'meta.properties'))) {
    const scram = opts.scram ? ['--add-scram', `SCRAM-SHA-512=[name=${opts.scram.username},password=${opts.scram.password}]`] : [];
    await run('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', props, '--ignore-formatted', ...scram],
      { timeout: 60_000, maxBuffer: 16 << 20 });
  }

  if (fs.existsSync(logFile)) fs.renameSync(logFile, `${logFile}.prev`); // keep one previous run, bounded size
  const out = fs.openSync(logFile, 'w');
  const child = spawn('java', [`-Xmx${heapMb}m`, '-XX:+UseG1GC', '-Djava.awt.headless=true', ...jvm, 'kafka.Kafka',
    props], { cwd: dataDir, stdio: ['ignore', out, out], detached: opts.detached ?? false });
  fs.closeSync(out); // the child holds its own copy of the fd
  child.unref(); // the broker ends by stop() or on its own; the caller's Node process may exit meanwhile
  const spawnError = new Promise<Error>((r) => child.once('error', r));
  if (!child.pid) throw new Error(`could not spawn java: ${await spawnError}`);
  const pid = child.pid;
  fs.writeFileSync(pidFile, `${pid}\n`);

  const exited = () => child.exitCode !== null || child.signalCode !== null;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= terminate(pid, exited).then(() => fs.rmSync(pidFile, { force: true })));
  const brokers = `127.0.0.1:${port}`;
  for (const deadline = Date.now() + readyTimeoutMs; ; await sleep(250)) {
    const failure = exited() ? `exited during startup (code ${child.exitCode}, signal ${child.signalCode})`
      : Date.now() > deadline ? `not ready within ${readyTimeoutMs} ms` : undefined;
    if (failure) {
      await stop();
      throw new Error(`Kafka broker ${failure}; tail of ${logFile}:\n${tail(logFile)}`);
    }
    if (await canListTopics(brokers, opts.scram)) return { brokers, pid, stop };
  }
}

/**
 * The broker's configuration, shared by the local broker and the Kafka image (which binds
 * every address, `bindHost` 0.0.0.0, and takes its advertised listeners from the environment).
 */
export function serverProperties(port: number, controllerPort: number, logDir: string, bindHost = '127.0.0.1'): string {
  return `${[
    'process.roles=broker,controller', 'node.id=1', `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://${bindHost}:${port},CONTROLLER://${bindHost}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`, 'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT', 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDir}`, 'auto.create.topics.enable=false', 'num.partitions=3',
    'default.replication.factor=1', 'min.insync.replicas=1',
    'offsets.topic.replication.factor=1', 'offsets.topic.num.partitions=1', // 1 partition: fast first group join
    'transaction.state.log.replication.factor=1', 'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1', 'group.initial.rebalance.delay.ms=0',
    // Sized for a 2-core box and a small heap (the cleaner's default 128 MB buffer would eat it).
    'num.network.threads=2', 'num.io.threads=2', 'background.threads=2', 'num.recovery.threads.per.data.dir=1',
    'log.cleaner.threads=1', 'log.cleaner.dedupe.buffer.size=16777216',
  ].join('\n')}\n`;
}

/**
 * Overrides (later keys win in a properties file) that make the client listener SASL_PLAINTEXT
 * with SCRAM-SHA-512, used between brokers too; the controller listener stays plaintext on loopback.
 */
function scramProperties(port: number, controllerPort: number, user: { username: string; password: string }): string {
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user.username}" password="${user.password}";`;
  return `${[
    `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`, 'inter.broker.listener.name=SASL_PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-512', 'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas}`,
  ].join('\n')}\n`;
}

// Kafka 4 logs through log4j 2, which reads its own configuration format (log4j.properties is ignored).
// Broker logs go to stdout, i.e. to logFile; the request/state-change loggers are too chatty for tests.
export const LOG4J2_FILE = 'log4j2.properties';
export const LOG4J2 = `${[
  'status = warn', 'shutdownHook = disable', 'appender.stdout.type = Console', 'appender.stdout.name = STDOUT',
  'appender.stdout.layout.type = PatternLayout', 'appender.stdout.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = INFO', 'rootLogger.appenderRef.stdout.ref = STDOUT',
  'logger.stateChange.name = state.change.logger', 'logger.stateChange.level = WARN',
  'logger.request.name = kafka.request.logger', 'logger.request.level = WARN',
].join('\n')}\n`;

// Kafka cluster ids are 16 random bytes in URL-safe base64; a leading '-' would read as a CLI flag.
function clusterId(): string {
  for (;;) { const id = randomBytes(16).toString('base64url'); if (!id.startsWith('-')) return id; }
}

// Ready = a real client round trip works (the port opens well before metadata is served).
async function canListTopics(brokers: string, scram?: { username: string; password: string }): Promise<boolean> {
  const admin = new Admin({ clientId: 'kafka-broker-ready', bootstrapBrokers: [brokers], connectTimeout: 1000, retries: 0,
    ...(scram && { sasl: { mechanism: 'SCRAM-SHA-512' as const, ...scram } }) });
  try { await admin.listTopics(); return true; } catch { return false; } finally {
    await admin.close().catch(() => undefined);
  }
}

/** SIGTERM, wait up to 20 s (Kafka flushes and closes its logs), then SIGKILL and wait for the exit. */
async function terminate(pid: number, gone: () => boolean): Promise<void> {
  const signal = (s: NodeJS.Signals) => { try { process.kill(pid, s); } catch { /* already gone */ } };
  if (!gone()) signal('SIGTERM');
  for (const end = Date.now() + 20_000; !gone() && Date.now() < end;) await sleep(100);
  if (!gone()) signal('SIGKILL');
  for (const end = Date.now() + 10_000; !gone(); await sleep(50)) {
    if (Date.now() > end) throw new Error(`Kafka broker pid ${pid} survived SIGKILL`);
  }
}

// A zombie counts as gone: where nothing reaps orphans, kill(pid, 0) keeps succeeding on it.
const isAlive = (pid: number): boolean => {
  try { process.kill(pid, 0); } catch { return false; }
  return !/^\d+ \(.*\) Z/.test(readOr(`/proc/${pid}/stat`));
};

// Guards against pid reuse: only a live java running kafka.Kafka with this very config counts
// (without /proc, e.g. on macOS, the pid file is trusted).
const isOurBroker = (pid: number, props: string): boolean => {
  if (!isAlive(pid)) return false;
  const args = processArgs(pid);
  return args === undefined || args[args.indexOf('kafka.Kafka') + 1] === props;
};
const readOr = (f: string): string => { try { return fs.readFileSync(f, 'utf8'); } catch { return ''; } };

const isListening = (port: number): Promise<boolean> => new Promise((resolve) => {
  const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

const tail = (file: string, lines = 40): string => readOr(file).split('\n').slice(-lines).join('\n') || '(empty log)';
