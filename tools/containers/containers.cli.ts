// The container path: `npm run containers -- images | up | down | test`.
//   images  builds the base images where no registry can be pulled (Debian via debootstrap, Node.js on it),
//           then the project's Kafka, PostgreSQL and services images, named as docker-compose.yml's x-images pin them
//   up      images, then `docker compose up --detach --wait` (every service healthy) and where to find it
//   down    `docker compose down --volumes`
//   test    images, then the integration and e2e suites against Testcontainers (OMS_TEST_INFRA=containers)
import { containerImages, DEV_PROFILE, ensureSigningKey, signingKeyFile } from '../infra';
import { ensureBaseImages } from './base-images';
import { run, succeeds } from './docker';
import { ROOT, timed } from './paths';
import { buildProjectImages } from './project-images';

const say = (line: string) => console.log(`[containers] ${line}`);

async function images(): Promise<void> {
  if (!(await succeeds('docker', ['info'], 15_000))) {
    throw new Error('no Docker engine answers (`docker info` failed): start dockerd, or see README "Containers"');
  }
  const pinned = containerImages();
  await timed('all images ready', say, async () => {
    await ensureBaseImages(pinned, say);
    await buildProjectImages(pinned, say);
  });
  await run('docker', ['image', 'prune', '--force']); // layers the new builds replaced
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'images') {
    await images();
  } else if (command === 'up') {
    await images();
    // The key is made here, as this user, so `npm run token` can read it; the issuer container only serves it.
    ensureSigningKey(signingKeyFile(DEV_PROFILE.stateDir));
    await timed('compose up (every service healthy)', say, () =>
      run('docker', ['compose', 'up', '--detach', '--wait', ...rest], { cwd: ROOT }));
    say('catalog :3001, subscriptions :3002, orders :3003, fulfillment :3004, notifications :3005, mail http://127.0.0.1:8025/messages');
    say('logs: docker compose logs -f; stop: npm run containers -- down');
  } else if (command === 'down') {
    await run('docker', ['compose', 'down', '--volumes', '--remove-orphans'], { cwd: ROOT });
  } else if (command === 'test') {
    await images();
    process.env['OMS_TEST_INFRA'] = 'containers';
    await timed('container-path tests', say, () =>
      run(process.execPath, [require.resolve('jest/bin/jest'), '--selectProjects', 'integration', 'e2e', '--runInBand', ...rest], { cwd: ROOT }));
  } else {
    throw new Error(`unknown command "${command ?? ''}" (images | up | down | test)`);
  }
}

main().catch((error: unknown) => {
  console.error(`[containers] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
