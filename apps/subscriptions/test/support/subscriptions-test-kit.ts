import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type ProductChangedV1 } from '@oms/contracts';
import { CLOCK, ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import type { PrismaService } from '../../src/database/prisma.service';

export const monthly = { unit: 'month', interval: 1 } as const;

/** Boots one replica of the subscriptions service with its own controllable clock (manual job runs only). */
export async function startReplica(clock: ControllableClock, keepTopics = false): Promise<INestApplication> {
  return createServiceTestApp({
    service: 'subscriptions',
    loadModule: async () => (await import('../../src/app.module')).AppModule,
    env: { SCHEDULER_INTERVAL_MS: '0', JOB_BATCH_SIZE: '50' },
    overrides: [{ provide: CLOCK, useValue: clock }],
    keepTopics,
  });
}

/** Publishes a product on the catalog topic and waits until the service's read model has it. */
export async function catalogProduct(app: INestApplication, overrides: Partial<ProductChangedV1> = {}): Promise<ProductChangedV1> {
  const product: ProductChangedV1 = {
    productId: randomUUID(), sku: `SKU-${randomUUID().slice(0, 8)}`, name: 'Coffee beans', type: 'goods', subscribable: true,
    allowedFrequencies: [monthly, { unit: 'month', interval: 3 }], prices: [{ currency: 'EUR', amountMinor: 1999 }], status: 'active', version: 1,
    ...overrides,
  };
  await publishTestEvents(Topics.catalogProduct, [createEnvelope({ type: EventTypes.productChanged, source: '/catalog', subject: product.productId, data: product })]);
  const prisma = app.get<PrismaService>((await import('../../src/database/prisma.service')).PrismaService);
  await waitFor(() => prisma.catalogProduct.findUnique({ where: { productId: product.productId } }), (row) => row?.version === product.version, { what: `product ${product.sku} in the read model` });
  return product;
}

/** Removes every subscription and run so each test's counts are its own. */
export async function resetSubscriptions(app: INestApplication): Promise<void> {
  const prisma = app.get<PrismaService>((await import('../../src/database/prisma.service')).PrismaService);
  await prisma.$executeRaw`TRUNCATE subscription, job_run, setting, rental_availability CASCADE`;
}

export function http(app: INestApplication) {
  return httpAs(app);
}

/** Starts a manual run and waits for it to finish. */
export async function runJob(app: INestApplication) {
  const response = await http(app).post('/jobs/subscription-orders/runs?wait=true').expect(201);
  return response.body as { runId: string; status: string; counts: Record<string, number>; message: string | null };
}
