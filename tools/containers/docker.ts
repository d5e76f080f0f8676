import { spawn } from 'node:child_process';

/** Runs `docker ...` (or another command), its output passed through; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; input?: 'inherit' | 'ignore' } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: [options.input ?? 'ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)));
  });
}

/** Runs a command quietly; true when it exits 0 within the time limit (killed and false after it). */
export function succeeds(command: string, args: string[], timeoutMs = 60_000): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', () => resolve(false));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** A shell pipeline (for `tar ... | docker import`), output passed through. */
export function shell(script: string): Promise<void> {
  return run('bash', ['-o', 'pipefail', '-c', script]);
}

export const imageExists = (image: string): Promise<boolean> => succeeds('docker', ['image', 'inspect', image]);

/** `docker pull`, false when no registry can serve the image (the usual case on the project's machines). */
export const pullImage = (image: string): Promise<boolean> => succeeds('docker', ['pull', '--quiet', image], 120_000);
