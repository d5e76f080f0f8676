import type { OrderTotalsV1 } from '@oms/contracts';
import type { OrderTax } from './order-tax.service';

export interface LineAmounts {
  /** The line after its discounts; null while unpriced (counts 0). */
  lineTotalMinor: number | null;
  /** The line's discount, when it has one. */
  discountMinor?: number | null;
}

/**
 * An order's subtotal, discounts, charges, tax and total from its priced lines and their tax. Tax-exclusive prices
 * add the tax to the total; tax-inclusive prices already hold it (taxMinor says how much of the total is tax).
 */
export function orderTotals(lines: readonly LineAmounts[], chargesMinor: number, tax: Pick<OrderTax, 'taxMinor' | 'taxStatus' | 'pricesIncludeTax'>): OrderTotalsV1 {
  const discountMinor = lines.reduce((sum, l) => sum + (l.discountMinor ?? 0), 0);
  const subtotalMinor = lines.reduce((sum, l) => sum + (l.lineTotalMinor ?? 0), 0) + discountMinor;
  const taxMinor = Number(tax.taxMinor);
  const totalMinor = subtotalMinor - discountMinor + chargesMinor + (tax.pricesIncludeTax ? 0 : taxMinor);
  return { subtotalMinor, discountMinor, chargesMinor, taxMinor, totalMinor, pricesIncludeTax: tax.pricesIncludeTax, taxStatus: tax.taxStatus };
}
