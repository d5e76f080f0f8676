import { Injectable } from '@nestjs/common';
import { DEFAULT_TAX_CODE, EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import type { Prisma } from '../generated/prisma/client';
import { ORDERS_SYSTEM } from '../orders/status/order-events';
import { PricingHolds } from '../orders/status/pricing-holds.service';

/**
 * Keeps the local catalog read model that orders are priced from. The topic
 * is compacted and may replay: only a newer version replaces what is stored.
 * Orders held because this product or its price was not known yet are
 * released in the same transaction.
 */
@Injectable()
export class ProductChangedConsumer {
  constructor(private readonly pricingHolds: PricingHolds) {}

  @IdempotentListener(Topics.catalogProduct, 'orders.catalog-product', { types: [EventTypes.productChanged] })
  async storeProduct(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.productChanged)) return;
    const product = envelope.data;
    const fields = {
      sku: product.sku,
      name: product.name,
      type: product.type,
      status: product.status,
      prices: product.prices as unknown as Prisma.InputJsonValue,
      taxCode: product.taxCode ?? DEFAULT_TAX_CODE,
      costPrices: (product.costPrices ?? []) as unknown as Prisma.InputJsonValue,
      version: product.version,
    };
    await tx.catalogProduct.upsert({ where: { productId: product.productId }, create: { productId: product.productId, ...fields }, update: {} });
    await tx.catalogProduct.updateMany({ where: { productId: product.productId, version: { lt: product.version } }, data: fields });
    await this.pricingHolds.releaseWaitingFor(tx, product.productId, { event: envelope, actor: ORDERS_SYSTEM });
  }
}
