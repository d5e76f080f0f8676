import type { Pricing } from './line-pricing';

/**
 * A due cycle whose lines carry an agreed unit price (a continuity program step's price) is priced at it, not at the
 * catalog list price; such a line is priced even when the read model has no price for it, so it puts no pricing hold.
 */
export function withAgreedPrices(pricing: Pricing, requested: ReadonlyArray<{ unitPriceMinor?: number }>): Pricing {
  const agreed = (index: number) => requested[index]?.unitPriceMinor;
  const lines = pricing.lines.map((line, index) => {
    const price = agreed(index);
    return price === undefined ? line : { ...line, unitPriceMinor: price, lineTotalMinor: price * line.quantity };
  });
  return {
    lines,
    totalMinor: lines.reduce((sum, line) => sum + (line.lineTotalMinor ?? 0), 0),
    problems: pricing.problems.filter((problem) => agreed(problem.index) === undefined),
  };
}
