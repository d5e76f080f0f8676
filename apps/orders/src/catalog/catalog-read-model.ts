import type { Prisma } from '../generated/prisma/client';
import type { PricingProduct } from '../orders/intake/line-pricing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The products of the given ids from the read model, by id. Ids that are not
 * uuids (an upstream's typo) cannot be in the table and are left out rather
 * than failing the uuid cast.
 */
export async function productsById(db: Prisma.TransactionClient, productIds: string[]): Promise<Map<string, PricingProduct>> {
  const ids = [...new Set(productIds.filter((id) => UUID.test(id)))];
  const rows = ids.length === 0 ? [] : await db.catalogProduct.findMany({ where: { productId: { in: ids } } });
  return new Map(rows.map((row) => [row.productId, row]));
}
