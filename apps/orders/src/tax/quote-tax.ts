import type { PricedOrder } from '../pricing/order-pricer.service';
import type { OrderTax } from './order-tax.service';
import { orderTotals } from './order-totals';
import { linePercent } from './tax-percent';

/** A quote with each line's tax and the order's subtotal, discounts, charges, tax and total, as POST /orders would place it. */
export function withTax(priced: PricedOrder, tax: OrderTax) {
  const amounts = priced.lines.map((line) => ({ lineTotalMinor: line.lineNetMinor, discountMinor: line.discounts.reduce((sum, d) => sum + d.amountMinor, 0) }));
  return {
    ...priced,
    lines: priced.lines.map((line, i) => {
      const lineTax = tax.lines[i]!;
      return { ...line, taxCode: lineTax.taxCode, taxRatePercent: linePercent(lineTax.ratePpm), taxMinor: Number(lineTax.taxMinor) };
    }),
    totals: { ...priced.totals, ...orderTotals(amounts, priced.totals.chargesMinor, tax) },
  };
}

/** The lines the quote's tax is computed on: each line's net amount after its discounts. */
export function quoteLinesToTax(priced: PricedOrder) {
  return priced.lines.map((line) => ({ productId: line.productId, amountMinor: BigInt(line.lineNetMinor) }));
}
