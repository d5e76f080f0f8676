import type { OrderLineKind } from '@oms/contracts';

/** A line as an upstream asks for it; `sku` is known for event lines, looked up for HTTP lines. */
export interface RequestedLine {
  productId: string;
  sku?: string;
  quantity: number;
}

/** The slice of the catalog read model pricing needs. */
export interface PricingProduct {
  productId: string;
  sku: string;
  status: string;
  /** goods | rental (absent in tests of pricing alone) */
  type?: string;
  prices: unknown;
  /** Cost prices per currency, for margins (call-center pricing). */
  costPrices?: unknown;
}

export interface PricedLine {
  productId: string;
  sku: string;
  quantity: number;
  /** Null when the product or its price in the order's currency is missing. */
  unitPriceMinor: number | null;
  lineTotalMinor: number | null;
  /** Set by the caller for subscription orders (see rentalLineKinds); absent means goods. */
  kind?: OrderLineKind;
  subscriptionLineId?: string;
  /** Call-center pricing's details (orders placed over HTTP): list price, line discount, unit cost, margin alert. */
  listPriceMinor?: number;
  discountMinor?: number | null;
  unitCostMinor?: number | null;
  marginAlert?: boolean;
}

export interface PricingProblem {
  /** Index of the line in the request, for field paths such as `lines.1.productId`. */
  index: number;
  message: string;
}

export interface Pricing {
  lines: PricedLine[];
  totalMinor: number;
  problems: PricingProblem[];
}

/**
 * Prices lines from the catalog read model at this moment (the order keeps
 * these prices). Retired products are accepted only when `allowRetired`
 * (existing subscriptions keep receiving them); a missing product or price is
 * reported per line and the line stays unpriced, so the caller decides whether
 * to refuse (HTTP) or to create the order on hold (events, nothing lost).
 */
export function priceLines(
  requested: RequestedLine[],
  products: ReadonlyMap<string, PricingProduct>,
  currency: string,
  options: { allowRetired: boolean },
): Pricing {
  const problems: PricingProblem[] = [];
  const lines = requested.map((line, index): PricedLine => {
    const product = products.get(line.productId);
    const sku = product?.sku ?? line.sku ?? line.productId;
    const unpriced = { productId: line.productId, sku, quantity: line.quantity, unitPriceMinor: null, lineTotalMinor: null };
    if (!product) {
      problems.push({ index, message: `product ${line.sku ?? line.productId} is not in the catalog` });
      return unpriced;
    }
    if (product.status !== 'active' && !options.allowRetired) {
      problems.push({ index, message: `product ${sku} is retired` });
      return unpriced;
    }
    const price = (product.prices as Array<{ currency: string; amountMinor: number }>).find((p) => p.currency === currency);
    if (!price) {
      problems.push({ index, message: `product ${sku} has no ${currency} price` });
      return unpriced;
    }
    return { ...unpriced, unitPriceMinor: price.amountMinor, lineTotalMinor: price.amountMinor * line.quantity };
  });
  const totalMinor = lines.reduce((sum, line) => sum + (line.lineTotalMinor ?? 0), 0);
  return { lines, totalMinor, problems };
}

/** The hold reason of an order whose lines could not all be priced, naming each SKU. */
export function pricingHoldReason(problems: PricingProblem[]): string {
  return `pricing: ${problems.map((p) => p.message).join('; ')}`;
}
