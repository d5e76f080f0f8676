import { ConflictException } from '@nestjs/common';
import type { ShipToV1 } from '@oms/contracts';
import type { Prisma } from '../../generated/prisma/client';
import { productsById } from '../../catalog/catalog-read-model';
import { priceLines } from '../intake/line-pricing';
import { minorAmount } from '../money';
import type { FullOrder } from '../order.mapper';
import type { OrderTaxService } from '../../tax/order-tax.service';
import { orderTotals } from '../../tax/order-totals';

/** What still keeps the order's unpriced lines from a price, or null when every line can be priced now. */
export async function pricingProblems(tx: Prisma.TransactionClient, order: FullOrder): Promise<string | null> {
  const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
  const pricing = priceLines(unpriced, await productsById(tx, unpriced.map((line) => line.productId)), order.currency, { allowRetired: true });
  return pricing.problems.length > 0 ? pricing.problems.map((p) => p.message).join('; ') : null;
}

/**
 * Prices lines left unpriced at creation and taxes the order again with them (the rates of its creation day, its
 * ship-to): the order's new totals, or 409 naming what is still missing. Without the second step the late-priced lines
 * would go out untaxed while the order's tax and subtotal still counted them as 0.
 */
export async function priceMissingLines(tx: Prisma.TransactionClient, order: FullOrder, tax: OrderTaxService): Promise<Prisma.SalesOrderUpdateInput> {
  const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
  if (unpriced.length === 0) return {};
  const products = await productsById(tx, unpriced.map((line) => line.productId));
  const pricing = priceLines(unpriced, products, order.currency, { allowRetired: true });
  if (pricing.problems.length > 0) {
    throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `cannot release the hold: ${pricing.problems.map((p) => p.message).join('; ')}` });
  }
  const pricedNow = new Map(unpriced.map((line, i) => [line.id, pricing.lines[i]!]));
  const lines = order.lines.map((line) => {
    const priced = pricedNow.get(line.id);
    return { line, sku: priced?.sku ?? line.sku, unitPriceMinor: priced?.unitPriceMinor ?? minorAmount(line.unitPriceMinor ?? 0n), lineTotalMinor: priced?.lineTotalMinor ?? minorAmount(line.lineTotalMinor ?? 0n) };
  });
  const taxed = await tax.taxLines(tx, {
    currency: order.currency, shipTo: order.shipTo as ShipToV1 | null, at: order.createdAt,
    lines: lines.map(({ line, lineTotalMinor }) => ({ productId: line.productId, amountMinor: BigInt(lineTotalMinor) })),
  });
  for (const [i, { line, sku, unitPriceMinor, lineTotalMinor }] of lines.entries()) {
    const lineTax = taxed.lines[i]!;
    await tx.orderLine.update({
      where: { id: line.id },
      data: { sku, unitPriceMinor, lineTotalMinor, taxCode: lineTax.taxCode, taxRatePpm: lineTax.ratePpm, taxMinor: lineTax.taxMinor },
    });
  }
  const amounts = lines.map(({ line, lineTotalMinor }) => ({ lineTotalMinor, discountMinor: line.discountMinor === null ? null : minorAmount(line.discountMinor) }));
  const totals = orderTotals(amounts, minorAmount(order.shippingMinor) + minorAmount(order.handlingMinor), taxed);
  return {
    totalMinor: totals.totalMinor, subtotalMinor: totals.subtotalMinor, discountMinor: totals.discountMinor,
    taxMinor: totals.taxMinor, pricesIncludeTax: totals.pricesIncludeTax, taxStatus: totals.taxStatus,
  };
}
