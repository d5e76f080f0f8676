import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate, IsNonEmptyString } from '../../validation/contract.decorators';

/**
 * Every shipment status, including the rental round trip (transport out and
 * back, swap in/out) and the return requested when a subscription ends.
 */
export const SHIPMENT_STATUSES = [
  'created',
  'shipped',
  'delivered',
  'in-transport-out',
  'in-transport-return',
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
}
