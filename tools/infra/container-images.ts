import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../..');

/** The compose file: its `x-images` block pins every image name and version, once. */
export const COMPOSE_FILE = resolve(ROOT, 'docker-compose.yml');

/** Every image the container path uses, as named in docker-compose.yml's `x-images`. */
export interface ContainerImages {
  /** Debian bookworm base (built with debootstrap where no registry answers). */
  debian: string;
  /** Node.js base of the services image (built from the Debian base where no registry answers). */
  node: string;
  kafka: string;
  postgres: string;
  /** One image for all five services, the setup step and the mail sink, from the project's Dockerfile. */
  services: string;
}

const IMAGE_KEYS = ['debian', 'node', 'kafka', 'postgres', 'services'] as const;

/** Reads the pinned image names from docker-compose.yml (the tool, compose and Testcontainers share them). */
export function containerImages(composeFile = COMPOSE_FILE): ContainerImages {
  const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as { 'x-images'?: Record<string, unknown> };
  const pinned = compose['x-images'] ?? {};
  const images = {} as ContainerImages;
  for (const key of IMAGE_KEYS) {
    const name = pinned[key];
    if (typeof name !== 'string' || !/^[\w./-]+:[\w.-]+$/.test(name)) {
      throw new Error(`${composeFile}: x-images.${key} must be an image name with a pinned tag, got ${String(name)}`);
    }
    images[key] = name;
  }
  return images;
}

/** The tag of an image name (`node:20.20.2-bookworm-slim` -> `20.20.2-bookworm-slim`). */
export function imageTag(image: string): string {
  return image.slice(image.lastIndexOf(':') + 1);
}
