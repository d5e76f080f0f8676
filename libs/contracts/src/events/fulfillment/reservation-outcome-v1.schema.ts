import { IsIn, IsOptional } from 'class-validator';
import { IsIntAtLeast, IsNonEmptyString, NestedArray, NestedObject } from '../../validation/contract.decorators';
import { ShipToV1 } from '../shared/ship-to-v1.schema';

/** Result of a reservation attempt; matches the event type's last word. */
export const RESERVATION_OUTCOMES = ['reserved', 'shortage', 'released'] as const;
/** One of {@link RESERVATION_OUTCOMES}. */
export type ReservationOutcome = (typeof RESERVATION_OUTCOMES)[number];

/** Short-term holds stock for an order; long-term holds rental stock for a subscription. */
export const RESERVATION_KINDS = ['short-term', 'long-term'] as const;
/** One of {@link RESERVATION_KINDS}. */
export type ReservationKind = (typeof RESERVATION_KINDS)[number];

/** Stock held (or missing) for one SKU. */
export class ReservationLineV1 {
  @IsNonEmptyString()
  sku: string;

  @IsIntAtLeast(1)
  quantity: number;

  @IsOptional()
  @IsNonEmptyString()
  warehouseId?: string;

  /** Units that could not be reserved; set on shortages. */
  @IsOptional()
  @IsIntAtLeast(0)
  shortBy?: number;
}

/** Payload of `fulfillment.reservation.{reserved,shortage,released}.v1`. */
export class ReservationOutcomeV1 {
  @IsNonEmptyString()
  reservationId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsIn(RESERVATION_OUTCOMES)
  outcome: ReservationOutcome;

  @IsIn(RESERVATION_KINDS)
  kind: ReservationKind;

  @NestedArray(ReservationLineV1)
  lines: ReservationLineV1[];

  @IsOptional()
  @IsNonEmptyString()
  subscriptionId?: string;

  /** Set on `reserved` when the order has a delivery address: the releases (pick lists) it created ship there. */
  @IsOptional()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;
}
