// `npm run seed`: loads the demo catalog through the catalog service's API, so
// every product is published on the catalog topic like any other change.
// Safe to run twice: existing SKUs are reported and left alone.
import { DEV_PROFILE, ensureSigningKey, signingKeyFile, signToken } from '../infra';
import { DEMO_PRODUCTS } from './demo-catalog';

async function main(): Promise<void> {
  const baseUrl = process.env['CATALOG_URL'] ?? 'http://127.0.0.1:3001';
  // Catalog writes are admin-only: sign as the local admin unless a token is given (TOKEN, e.g. from another provider).
  const token = process.env['TOKEN'] ?? signToken(ensureSigningKey(signingKeyFile(DEV_PROFILE.stateDir)), { role: 'admin', sub: 'seed' });
  let created = 0;
  for (const product of DEMO_PRODUCTS) {
    const response = await fetch(`${baseUrl}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ subscribable: true, ...product }),
    }).catch((error: unknown) => {
      throw new Error(`catalog service unreachable at ${baseUrl} (is \`npm start\` running?): ${String(error)}`);
    });
    if (response.status === 201) created += 1;
    else if (response.status === 409) console.log(`  ${product.sku}: already exists`);
    else throw new Error(`${product.sku}: ${response.status} ${await response.text()}`);
  }
  console.log(`Seeded ${created} of ${DEMO_PRODUCTS.length} demo products into ${baseUrl}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
