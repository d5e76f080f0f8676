import { ConflictException } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { productsById } from '../../catalog/catalog-read-model';
import { priceLines } from '../intake/line-pricing';
import { minorAmount } from '../money';
import type { FullOrder } from '../order.mapper';

/** What still keeps the order's unpriced lines from a price, or null when every line can be priced now. */
export async function pricingProblems(tx: Prisma.TransactionClient, order: FullOrder): Promise<string | null> {
  const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
  const pricing = priceLines(unpriced, await productsById(tx, unpriced.map((line) => line.productId)), order.currency, { allowRetired: true });
  return pricing.problems.length > 0 ? pricing.problems.map((p) => p.message).join('; ') : null;
}

/** Prices lines left unpriced at creation; the new total, or 409 naming what is still missing. */
export async function priceMissingLines(tx: Prisma.TransactionClient, order: FullOrder): Promise<number> {
  const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
  if (unpriced.length === 0) return minorAmount(order.totalMinor);
  const products = await productsById(tx, unpriced.map((line) => line.productId));
  const pricing = priceLines(unpriced, products, order.currency, { allowRetired: true });
  if (pricing.problems.length > 0) {
    throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `cannot release the hold: ${pricing.problems.map((p) => p.message).join('; ')}` });
  }
  for (const [i, line] of unpriced.entries()) {
    const priced = pricing.lines[i]!;
    await tx.orderLine.update({ where: { id: line.id }, data: { sku: priced.sku, unitPriceMinor: priced.unitPriceMinor, lineTotalMinor: priced.lineTotalMinor } });
  }
  return minorAmount(order.totalMinor) + pricing.totalMinor;
}
