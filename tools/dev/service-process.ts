import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * V8 options every service process runs with (the Dockerfile's CMD and the nx `serve` targets repeat them; a
 * spec keeps them in step). A larger young generation: a service allocates fast and keeps little (each Kafka
 * batch's messages, envelopes and statements), and with V8's default semi-spaces (16 MB with a 4 GB heap limit,
 * less where memory is smaller) it scavenged so often that garbage collection took 10-14% of each service's CPU
 * profile in the pipeline benchmark; with 64 MB it took 5.6-7.2%. The young generation grows to that size only
 * while a process allocates that fast: at most about 100 MB more memory per process, under load.
 */
export const SERVICE_NODE_OPTIONS = ['--max-semi-space-size=64'] as const;

/** One service running as its own Node process, its output teed to a log file. */
export interface ServiceProcess {
  name: string;
  port: number;
  logFile: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  recentOutput(): string;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * @param nodeArgs - extra Node options for the child, e.g. `--cpu-prof` (Node refuses it in NODE_OPTIONS);
 *   a `-r` among them may load TypeScript.
 */
export function spawnService(
  name: string, port: number, env: NodeJS.ProcessEnv, logDir: string, echo: (line: string) => void, nodeArgs: readonly string[] = [],
): ServiceProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...SERVICE_NODE_OPTIONS, '-r', '@swc-node/register', ...nodeArgs, `apps/${name}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const onLine = (line: string) => {
    log.write(`${line}\n`);
    tail.push(line);
    if (tail.length > 30) tail.shift();
    echo(line);
  };
  lines(child.stdout!, onLine);
  lines(child.stderr!, onLine);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => { log.end(); done(code); }));
  return {
    name, port, logFile, child, exited,
    recentOutput: () => tail.join('\n'),
    // SIGTERM runs Nest's shutdown hooks (consumers leave the group, relay stops, DB disconnects).
    async stop(timeoutMs = 15000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    parts.forEach(onLine);
  });
  stream.on('end', () => buffer && onLine(buffer));
}

/** Resolves when GET /health/ready answers 200; rejects if the process exits or time runs out. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<number> {
  const begun = Date.now();
  let exitCode: number | null | undefined;
  void service.exited.then((code) => { exitCode = code ?? -1; });
  while (Date.now() - begun < timeoutMs) {
    if (exitCode !== undefined) throw new Error(`${service.name} exited (code ${exitCode}) before it was ready:\n${service.recentOutput()}`);
    const ok = await fetch(`http://127.0.0.1:${service.port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return Date.now() - begun;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} not ready after ${timeoutMs} ms (log: ${service.logFile}):\n${service.recentOutput()}`);
}
