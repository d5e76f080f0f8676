import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { createEnvelope, DEFAULT_TAX_CODE, EventTypes, Topics } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { fieldConflict, isUniqueViolation, notFound } from '@oms/service-runtime';
import type { Prisma, Product } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { CreateProductRequest } from './dto/create-product.request';
import type { UpdateProductRequest } from './dto/update-product.request';
import { toProductChanged } from './product.mapper';
import { assertProductConsistent } from './product.rules';

/**
 * Product changes. Each one writes the product and its full state to the
 * outbox in one transaction, so the catalog topic never misses or invents a
 * version.
 */
@Injectable()
export class ProductCommandsService {
  constructor(private readonly prisma: PrismaService) {}

  async create(request: CreateProductRequest, actor: Actor, correlationId?: string): Promise<Product> {
    assertProductConsistent(request);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const product = await tx.product.create({ data: { id: randomUUID(), ...toColumns(request), sku: request.sku } });
        await publish(tx, product, { action: 'created', actor, correlationId });
        return product;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldConflict('sku', `a product with SKU ${request.sku} already exists`);
      throw error;
    }
  }

  async update(id: string, request: UpdateProductRequest, actor: Actor, correlationId?: string): Promise<Product> {
    return this.change(id, { action: 'updated', actor, correlationId }, (current) => {
      const merged = { ...toColumns({ ...current, ...request } as CreateProductRequest) };
      assertProductConsistent(merged as unknown as CreateProductRequest);
      return merged;
    });
  }

  /** Retired products stay readable (existing subscriptions still resolve them) but take no new subscriptions. */
  async retire(id: string, actor: Actor, correlationId?: string): Promise<Product> {
    return this.change(id, { action: 'retired', actor, correlationId }, () => ({ status: 'retired' }));
  }

  private async change(
    id: string,
    write: ProductWrite,
    compute: (current: Product) => Prisma.ProductUpdateInput,
  ): Promise<Product> {
    return this.prisma.$transaction(async (tx) => {
      // Row lock first: concurrent changes of one product serialize, so versions and outbox order agree.
      const [current] = await tx.$queryRaw<Product[]>`SELECT id FROM product WHERE id = ${id}::uuid FOR UPDATE`;
      if (!current) throw notFound('product', id);
      const before = await tx.product.findUniqueOrThrow({ where: { id } });
      const product = await tx.product.update({ where: { id }, data: { ...compute(before), version: { increment: 1 } } });
      await publish(tx, product, write);
      return product;
    });
  }
}

/** One product write: what it did, who asked, and the request's correlation id. */
interface ProductWrite {
  action: 'created' | 'updated' | 'retired';
  actor: Actor;
  correlationId: string | undefined;
}

function toColumns(fields: CreateProductRequest) {
  return {
    name: fields.name,
    description: fields.description ?? null,
    type: fields.type,
    subscribable: fields.subscribable,
    allowedFrequencies: fields.allowedFrequencies.map(({ unit, interval }) => ({ unit, interval })),
    prices: fields.prices.map(({ currency, amountMinor }) => ({ currency, amountMinor })),
    costPrices: (fields.costPrices ?? []).map(({ currency, amountMinor }) => ({ currency, amountMinor })),
    taxCode: fields.taxCode ?? DEFAULT_TAX_CODE,
  };
}

/** The audit row and the product's full state on the outbox, both naming the actor. */
async function publish(tx: Prisma.TransactionClient, product: Product, write: ProductWrite): Promise<void> {
  const { action, actor, correlationId } = write;
  const envelope = createEnvelope({
    type: EventTypes.productChanged,
    source: '/catalog',
    subject: product.id,
    data: toProductChanged(product),
    correlationId,
    actor,
  });
  await tx.productChange.create({
    data: {
      productId: product.id, version: product.version, action, actorSub: actor.sub, actorRole: actor.role,
      at: product.updatedAt, eventId: envelope.id,
    },
  });
  await appendToOutbox(tx, { topic: Topics.catalogProduct, envelope });
}
