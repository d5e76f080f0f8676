import { IsIn, IsNumber, IsOptional } from 'class-validator';
import { IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedObject } from '../../validation/contract.decorators';
import { ActorV1 } from '../shared/actor-v1.schema';

/** Order-level charges of call-center pricing. */
export const CHARGE_TYPES = ['shipping', 'handling'] as const;
/** One of {@link CHARGE_TYPES}. */
export type ChargeType = (typeof CHARGE_TYPES)[number];

/**
 * What a price override changed: a line's unit price or discount, the order's
 * discount, a charge, or a margin under the alert threshold accepted with a reason.
 */
export const PRICE_OVERRIDE_KINDS = ['unit-price', 'line-discount', 'order-discount', 'charge', 'margin-accepted'] as const;
/** One of {@link PRICE_OVERRIDE_KINDS}. */
export type PriceOverrideKind = (typeof PRICE_OVERRIDE_KINDS)[number];

/** minor: oldValue/newValue are amounts in minor units; percent: percentages with at most 2 decimals. */
export const PRICE_OVERRIDE_UNITS = ['minor', 'percent'] as const;
/** One of {@link PRICE_OVERRIDE_UNITS}. */
export type PriceOverrideUnit = (typeof PRICE_OVERRIDE_UNITS)[number];

/** One override given when the order was placed: who, when, what, the value before and after, and the reason code. */
export class PriceOverrideV1 {
  @IsIn(PRICE_OVERRIDE_KINDS)
  kind: PriceOverrideKind;

  /** The line's 0-based position, for line overrides. */
  @IsOptional()
  @IsIntAtLeast(0)
  line?: number;

  /** The charge a charge override replaced. */
  @IsOptional()
  @IsIn(CHARGE_TYPES)
  chargeType?: ChargeType;

  @IsIn(PRICE_OVERRIDE_UNITS)
  unit: PriceOverrideUnit;

  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  oldValue: number;

  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  newValue: number;

  /** One of the call-center settings' reason codes at the time. */
  @IsNonEmptyString()
  reasonCode: string;

  @NestedObject(ActorV1)
  actor: ActorV1;

  @IsIsoDate()
  at: string;
}
