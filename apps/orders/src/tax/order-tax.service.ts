import { Injectable } from '@nestjs/common';
import { DEFAULT_TAX_CODE, type ShipToV1, type TaxStatus } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { calculateTax, taxDay, type AmountTax } from './tax-calculation';
import { TaxRatesService } from './tax-rates.service';
import { TaxSettingsService } from './tax-settings.service';

export interface LineToTax {
  productId: string;
  /** What the line costs after its discounts (0 for a line not priced yet). */
  amountMinor: bigint;
}

export interface OrderTax {
  lines: Array<AmountTax & { taxCode: string }>;
  taxMinor: bigint;
  taxStatus: TaxStatus;
  pricesIncludeTax: boolean;
}

/**
 * Taxes an order's lines from the orders service's own tables (the products' tax codes in the catalog read model,
 * the rates, the tax-inclusive setting), at the order's creation day: no other service is asked.
 */
@Injectable()
export class OrderTaxService {
  constructor(
    private readonly rates: TaxRatesService,
    private readonly settings: TaxSettingsService,
  ) {}

  async taxLines(tx: Prisma.TransactionClient, order: { currency: string; shipTo: ShipToV1 | null; at: Date; lines: LineToTax[] }): Promise<OrderTax> {
    const pricesIncludeTax = await this.settings.pricesIncludeTax(tx, order.currency);
    const products = await tx.catalogProduct.findMany({ where: { productId: { in: uuids(order.lines.map((l) => l.productId)) } }, select: { productId: true, taxCode: true } });
    const codeOf = new Map(products.map((p) => [p.productId, p.taxCode]));
    const amounts = order.lines.map((line) => ({ taxCode: codeOf.get(line.productId) ?? DEFAULT_TAX_CODE, amountMinor: line.amountMinor }));
    const rates = order.shipTo ? await this.rates.ratesFor(tx, order.shipTo.countryCode, amounts.map((a) => a.taxCode)) : [];
    const result = calculateTax({ amounts, shipTo: order.shipTo, rates, onDay: taxDay(order.at), pricesIncludeTax });
    return { ...result, lines: result.amounts.map((tax, i) => ({ ...tax, taxCode: amounts[i]!.taxCode })), pricesIncludeTax };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (ids: string[]) => [...new Set(ids.filter((id) => UUID.test(id)))];
