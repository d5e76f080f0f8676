import { IsBoolean, IsIn } from 'class-validator';
import { IsMinorAmount } from '../../validation/contract.decorators';

/**
 * Whether an order's tax was computed for every line, or why not:
 * `no-ship-to`: the order has no delivery address, so no tax; `no-rate`: at least one line's tax code has no rate
 * for the ship-to region on the order's day (those lines carry no tax). Neither holds the order.
 */
export const TAX_STATUSES = ['calculated', 'no-ship-to', 'no-rate'] as const;
/** One of {@link TAX_STATUSES}. */
export type TaxStatus = (typeof TAX_STATUSES)[number];

/**
 * An order's money at placement, in minor units of its currency.
 * Tax-exclusive prices: totalMinor = subtotalMinor - discountMinor + chargesMinor + taxMinor.
 * Tax-inclusive prices (pricesIncludeTax): the line amounts already hold the tax, so
 * totalMinor = subtotalMinor - discountMinor + chargesMinor and taxMinor is the part of it that is tax.
 */
export class OrderTotalsV1 {
  /** The lines before discounts. */
  @IsMinorAmount()
  subtotalMinor: number;

  @IsMinorAmount()
  discountMinor: number;

  /** Order-level charges (shipping, handling); not taxed. */
  @IsMinorAmount()
  chargesMinor: number;

  /** The sum of the lines' taxes, each rounded half up in minor units. */
  @IsMinorAmount()
  taxMinor: number;

  @IsMinorAmount()
  totalMinor: number;

  @IsBoolean()
  pricesIncludeTax: boolean;

  @IsIn(TAX_STATUSES)
  taxStatus: TaxStatus;
}
