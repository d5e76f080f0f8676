import { Injectable } from '@nestjs/common';
import { DEFAULT_TAX_CODE, type ShipToV1, type TaxStatus } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { calculateTax, taxDay, type AmountTax, type TaxRateEntry } from './tax-calculation';
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

  async taxLines(tx: Prisma.TransactionClient, order: OrderToTax): Promise<OrderTax> {
    const { taxInclusiveCurrencies } = await this.settings.get(tx);
    const products = await tx.catalogProduct.findMany({ where: { productId: { in: uuids(order.lines.map((l) => l.productId)) } }, select: { productId: true, taxCode: true } });
    const taxCodes = new Map(products.map((p) => [p.productId, p.taxCode]));
    const codes = order.lines.map((line) => taxCodes.get(line.productId) ?? DEFAULT_TAX_CODE);
    const rates = order.shipTo ? await this.rates.ratesFor(tx, order.shipTo.countryCode, codes) : [];
    return taxOrder(order, { taxInclusiveCurrencies, taxCodes, rates });
  }
}

export interface OrderToTax {
  currency: string;
  shipTo: ShipToV1 | null;
  at: Date;
  lines: LineToTax[];
}

/** What taxing an order reads: the tax-inclusive currencies, the products' tax codes by product id, the ship-to country's rates. */
export interface TaxTables {
  taxInclusiveCurrencies: readonly string[];
  taxCodes: ReadonlyMap<string, string>;
  rates: readonly TaxRateEntry[];
}

/** The order's tax from tables already read (a product not in the read model has the default code). */
export function taxOrder(order: OrderToTax, tables: TaxTables): OrderTax {
  const pricesIncludeTax = tables.taxInclusiveCurrencies.includes(order.currency);
  const amounts = order.lines.map((line) => ({ taxCode: tables.taxCodes.get(line.productId) ?? DEFAULT_TAX_CODE, amountMinor: line.amountMinor }));
  const result = calculateTax({ amounts, shipTo: order.shipTo, rates: tables.rates, onDay: taxDay(order.at), pricesIncludeTax });
  return { ...result, lines: result.amounts.map((tax, i) => ({ ...tax, taxCode: amounts[i]!.taxCode })), pricesIncludeTax };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (ids: string[]) => [...new Set(ids.filter((id) => UUID.test(id)))];
