// One Prisma config for every service schema: PRISMA_SERVICE picks the folder.
// `engine: 'js'` with a driver adapter runs Prisma's WebAssembly schema engine,
// so generate, diff and migrate work without downloading native engines.
// The migrate adapter comes from the 7.x line: 6.19.3's adapter cannot read
// Postgres `name` columns during `migrate deploy` (prisma/orm#27403).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from 'prisma-adapter-pg-v7';

const service = process.env['PRISMA_SERVICE'];
if (!service) throw new Error('PRISMA_SERVICE is not set (catalog, subscriptions, orders, fulfillment, notifications)');

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: `${service}/schema`,
  migrations: { path: `${service}/migrations` },
  async adapter() {
    const connectionString = process.env['DATABASE_URL'];
    if (!connectionString) throw new Error(`DATABASE_URL is not set for prisma (${service})`);
    return new PrismaPg({ connectionString });
  },
});
