import { IsIntAtLeast, IsNonEmptyString } from '../../validation/contract.decorators';

/**
 * Payload of `fulfillment.inventory.rental-availability.v1`: how many units of
 * a rental SKU are free now. Published whenever the count may have changed
 * (key = sku), so other services can refuse a swap to a SKU with none free.
 */
export class RentalAvailabilityV1 {
  @IsNonEmptyString()
  sku: string;

  /** Units in state `available`. */
  @IsIntAtLeast(0)
  available: number;

  /** Every unit of the SKU, in any state. */
  @IsIntAtLeast(0)
  total: number;
}
