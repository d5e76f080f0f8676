import { Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import type { Prisma } from '../generated/prisma/client';

/**
 * Keeps the local catalog read model that subscription lines are validated
 * against. The topic is compacted and may replay: only a newer version
 * replaces what is stored.
 */
@Injectable()
export class ProductChangedConsumer {
  @IdempotentListener(Topics.catalogProduct, 'subscriptions.catalog-product', { types: [EventTypes.productChanged] })
  async storeProduct(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.productChanged)) return;
    const product = envelope.data;
    const fields = {
      sku: product.sku,
      name: product.name,
      type: product.type,
      subscribable: product.subscribable,
      allowedFrequencies: product.allowedFrequencies as unknown as Prisma.InputJsonValue,
      prices: product.prices as unknown as Prisma.InputJsonValue,
      status: product.status,
      version: product.version,
    };
    await tx.catalogProduct.upsert({ where: { productId: product.productId }, create: { productId: product.productId, ...fields }, update: {} });
    await tx.catalogProduct.updateMany({ where: { productId: product.productId, version: { lt: product.version } }, data: fields });
  }
}
