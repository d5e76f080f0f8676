import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsIsoDate, IsNonEmptyString, NestedObject } from '../../validation/contract.decorators';
import { ActorV1 } from '../shared/actor-v1.schema';
import { ShipToV1 } from '../shared/ship-to-v1.schema';

/**
 * Every shipment status, including the rental round trip (transport out and
 * back, swap in/out) and the return requested when a subscription ends.
 */
export const SHIPMENT_STATUSES = [
  'created',
  'shipped',
  'delivered',
  'in-transport-out',
  'with-customer',
  'in-transport-return',
  'returned',
  'checked',
  'closed',
  'swap-in-ready',
  'swap-in-returned',
  'swap-out-request',
  'swap-out-ready',
  'swap-out-sent',
  'subscription-end-request',
] as const;
/** One of {@link SHIPMENT_STATUSES}. */
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** A parcel is sold goods on their way; a rental delivery carries one unit out and back. */
export const SHIPMENT_KINDS = ['parcel', 'rental'] as const;
/** One of {@link SHIPMENT_KINDS}. */
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];

/** The rental unit a delivery carries. */
export class RentalDeliveryV1 {
  @IsNonEmptyString()
  unitId: string;

  @IsNonEmptyString()
  serial: string;

  @IsNonEmptyString()
  sku: string;

  @IsOptional()
  @IsNonEmptyString()
  subscriptionId?: string;

  /** The subscription line the unit is rented for. */
  @IsOptional()
  @IsNonEmptyString()
  lineId?: string;

  /** True once no delivery of this order holds a unit any more (every return Closed): the order may be closed. */
  @IsBoolean()
  orderReturnsClosed: boolean;
}

/** Payload of `fulfillment.shipment.status-changed.v1`. */
export class ShipmentStatusV1 {
  @IsNonEmptyString()
  shipmentId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsIn(SHIPMENT_STATUSES)
  status: ShipmentStatus;

  /** When the status changed in the real world, which can precede the event's `time`. */
  @IsIsoDate()
  occurredAt: string;

  @IsOptional()
  @IsNonEmptyString()
  carrier?: string;

  @IsOptional()
  @IsNonEmptyString()
  trackingNumber?: string;

  /** Absent on events published before rentals: read as `parcel`. */
  @IsOptional()
  @IsIn(SHIPMENT_KINDS)
  kind?: ShipmentKind;

  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  previousStatus?: ShipmentStatus;

  @IsOptional()
  @NestedObject(ActorV1)
  actor?: ActorV1;

  /** Set on rental deliveries. */
  @IsOptional()
  @NestedObject(RentalDeliveryV1)
  rental?: RentalDeliveryV1;

  /** Where the parcel goes: the order's delivery address, copied when the goods were reserved. */
  @IsOptional()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;
}
