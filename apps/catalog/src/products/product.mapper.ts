import { frequencyLabel, type FrequencyV1, type ProductChangedV1, type ProductPriceV1 } from '@oms/contracts';
import type { Actor } from '@oms/auth';
import type { Product } from '../generated/prisma/client';

/** The product as the API returns it: the stored fields plus frequency labels. */
export function toProductResponse(product: Product) {
  return {
    ...toProductChanged(product),
    allowedFrequencies: frequencies(product).map((f) => ({ ...f, label: frequencyLabel(f) })),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

/** Cost prices are for staff: a customer's or a channel's answer leaves them out. */
export function visibleTo<T extends { costPrices?: unknown }>(actor: Actor, product: T): T | Omit<T, 'costPrices'> {
  if (actor.role !== 'customer' && actor.role !== 'channel') return product;
  const rest: Partial<T> = { ...product };
  delete rest.costPrices;
  return rest as Omit<T, 'costPrices'>;
}

/** Full product state for the compacted catalog topic. */
export function toProductChanged(product: Product): ProductChangedV1 {
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    ...(product.description === null ? {} : { description: product.description }),
    type: product.type,
    subscribable: product.subscribable,
    allowedFrequencies: frequencies(product),
    prices: product.prices as unknown as ProductPriceV1[],
    costPrices: product.costPrices as unknown as ProductPriceV1[],
    taxCode: product.taxCode,
    status: product.status,
    version: product.version,
  };
}

function frequencies(product: Product): FrequencyV1[] {
  return product.allowedFrequencies as unknown as FrequencyV1[];
}
