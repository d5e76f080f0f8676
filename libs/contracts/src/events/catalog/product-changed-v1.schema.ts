import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import {
  IsCurrencyCode,
  IsIntAtLeast,
  IsMinorAmount,
  IsNonEmptyString,
  NestedArray,
} from '../../validation/contract.decorators';
import { FrequencyV1 } from '../shared/frequency-v1.schema';

/** Goods are sold and kept; rentals are swapped and returned. */
export const PRODUCT_TYPES = ['goods', 'rental'] as const;
/** One of {@link PRODUCT_TYPES}. */
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Retired products stay on the topic so existing subscriptions can still resolve them. */
export const PRODUCT_STATUSES = ['active', 'retired'] as const;
/** One of {@link PRODUCT_STATUSES}. */
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A product's sales tax code: lower-case letters, digits, ".", "_" or "-" (standard, reduced, zero, food.basic). */
export const TAX_CODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;
/** The tax code of a product that names none. */
export const DEFAULT_TAX_CODE = 'standard';

/** A price in one currency, in integer minor units. */
export class ProductPriceV1 {
  @IsCurrencyCode()
  currency: string;

  @IsMinorAmount()
  amountMinor: number;
}

/**
 * Full product state (not a diff) for `catalog.product.changed.v1`. The catalog
 * topic is compacted by productId, so each message must stand on its own.
 */
export class ProductChangedV1 {
  @IsUUID()
  productId: string;

  @IsNonEmptyString()
  sku: string;

  @IsNonEmptyString()
  name: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsIn(PRODUCT_TYPES)
  type: ProductType;

  @IsBoolean()
  subscribable: boolean;

  @NestedArray(FrequencyV1)
  allowedFrequencies: FrequencyV1[];

  @NestedArray(ProductPriceV1)
  prices: ProductPriceV1[];

  /** What one unit costs per currency (at most one per currency), for margins; absent on events before cost prices existed. */
  @IsOptional()
  @NestedArray(ProductPriceV1)
  costPrices?: ProductPriceV1[];
  /**
   * Sales tax classification; the orders service taxes the product with its rates for this code in the ship-to
   * region. Absent on events published before tax codes existed, which means {@link DEFAULT_TAX_CODE}.
   */
  @IsOptional()
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 1-32 lower-case letters, digits, "." , "_" or "-"' })
  taxCode?: string;

  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  /** Increases on every change, so consumers can drop stale or replayed versions. */
  @IsIntAtLeast(1)
  version: number;
}
