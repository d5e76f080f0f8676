import { resolve } from 'node:path';

/** The repository root: the services image's build context and compose's project folder. */
export const ROOT = resolve(__dirname, '../..');

/** Dockerfiles and entrypoints of the base, Kafka and PostgreSQL images. */
export const CONTAINERS_DIR = __dirname;

/** Runs one step and reports how long it took. */
export async function timed<T>(what: string, say: (line: string) => void, step: () => Promise<T>): Promise<T> {
  const begun = Date.now();
  const result = await step();
  say(`${what} in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
  return result;
}
