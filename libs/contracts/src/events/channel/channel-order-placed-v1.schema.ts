import { ArrayMaxSize, IsOptional, IsUUID, Matches, Max, MaxLength } from 'class-validator';
import { IsCurrencyCode, IsEmailAddress, IsIntAtLeast, IsIsoDate, NestedArray, NestedObject } from '../../validation/contract.decorators';
import { IsOmittable, IsVisibleText } from '../../validation/text.decorators';
import { FrequencyV1 } from '../shared/frequency-v1.schema';
import { ShipToV1 } from '../shared/ship-to-v1.schema';

/**
 * Sales channel name. The known ones are listed for editor hints; any other
 * non-empty string is allowed so a new channel needs no contract release.
 */
export type SalesChannel = 'web' | 'call-center' | (string & {});

/**
 * One ordered product; a `frequency` turns the line into a subscription.
 * The rules are those of a line of `POST /orders` and `POST /subscriptions`,
 * so an order refused over HTTP is dead-lettered when it arrives as an event.
 */
export class ChannelOrderLineV1 {
  @IsUUID()
  productId: string;

  @IsVisibleText(64)
  sku: string;

  @IsIntAtLeast(1)
  @Max(999)
  quantity: number;

  @IsOptional()
  @NestedObject(FrequencyV1)
  frequency?: FrequencyV1;
}

/** Payload of `channel.order.placed.v1`: an order as captured by a sales channel. */
export class ChannelOrderPlacedV1 {
  /** The channel's own order reference; with `channel` it identifies a placement for de-duplication. */
  /** At most 180 characters: a subscription's reference is this plus the frequency, within externalRef's 200. */
  @IsVisibleText(180)
  channelOrderId: string;

  @IsVisibleText(50)
  channel: SalesChannel;

  @IsVisibleText(100)
  customerId: string;

  @IsCurrencyCode()
  currency: string;

  @NestedArray(ChannelOrderLineV1, 1)
  @ArrayMaxSize(50)
  lines: ChannelOrderLineV1[];

  @IsIsoDate()
  placedAt: string;

  /** Where the customer's emails go (notifications). */
  @IsOmittable()
  @IsEmailAddress()
  @MaxLength(320)
  customerEmail?: string;

  /** The customer's name as the channel knows it (orders can be found by it). */
  @IsOmittable()
  @IsVisibleText(200)
  customerName?: string;

  /** Where the order is delivered (same rules as `shipTo` on `POST /orders`); subscriptions started by its lines ship there too. */
  @IsOmittable()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;

  /** The customer's phone number as the channel knows it (orders can be found by it, whatever its punctuation). */
  @IsOmittable()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'customerPhone must be a phone number such as +31 20 123 4567' })
  customerPhone?: string;

  /** The billing address (same shape as `shipTo`); the fraud rules compare its country with the ship-to country. */
  @IsOmittable()
  @NestedObject(ShipToV1)
  billTo?: ShipToV1;
}
