import type { OrderLineKind } from '@oms/contracts';
import type { PricedLine, PricingProduct } from './line-pricing';

/**
 * A rental subscription's first order (cycle 0) is the rental order: its
 * rental lines hold a unit each and carry the first fee. Every later cycle
 * is a monthly fee: the same lines, priced the same way, but fulfillment
 * reserves and ships nothing for them. Goods lines stay goods.
 */
export function lineKind(product: Pick<PricingProduct, 'type'> | undefined, cycleIndex: number): OrderLineKind {
  if (product?.type !== 'rental') return 'goods';
  return cycleIndex === 0 ? 'rental' : 'rental-fee';
}

/** The priced lines of a due cycle with their kind and subscription line. */
export function withRentalKinds(
  lines: PricedLine[],
  dueLines: ReadonlyArray<{ lineId: string }>,
  products: ReadonlyMap<string, Pick<PricingProduct, 'type'>>,
  cycleIndex: number,
): PricedLine[] {
  return lines.map((line, i) => ({ ...line, kind: lineKind(products.get(line.productId), cycleIndex), subscriptionLineId: dueLines[i]!.lineId }));
}
