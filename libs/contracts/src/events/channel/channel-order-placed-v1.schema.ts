import { IsEmail, IsOptional } from 'class-validator';
import {
  IsCurrencyCode,
  IsIntAtLeast,
  IsIsoDate,
  IsNonEmptyString,
  NestedArray,
  NestedObject,
} from '../../validation/contract.decorators';
import { FrequencyV1 } from '../shared/frequency-v1.schema';

/**
 * Sales channel name. The known ones are listed for editor hints; any other
 * non-empty string is allowed so a new channel needs no contract release.
 */
export type SalesChannel = 'web' | 'call-center' | (string & {});

/** One ordered product; a `frequency` turns the line into a subscription. */
export class ChannelOrderLineV1 {
  @IsNonEmptyString()
  productId: string;

  @IsNonEmptyString()
  sku: string;

  @IsIntAtLeast(1)
  quantity: number;

  @IsOptional()
  @NestedObject(FrequencyV1)
  frequency?: FrequencyV1;
}

/** Payload of `channel.order.placed.v1`: an order as captured by a sales channel. */
export class ChannelOrderPlacedV1 {
  /** The channel's own order reference; with `channel` it identifies a placement for de-duplication. */
  @IsNonEmptyString()
  channelOrderId: string;

  @IsNonEmptyString()
  channel: SalesChannel;

  @IsNonEmptyString()
  customerId: string;

  @IsCurrencyCode()
  currency: string;

  @NestedArray(ChannelOrderLineV1, 1)
  lines: ChannelOrderLineV1[];

  @IsIsoDate()
  placedAt: string;

  /** Where the customer's emails go (notifications). */
  @IsOptional()
  @IsEmail()
  customerEmail?: string;

  /** The customer's name as the channel knows it (orders can be found by it). */
  @IsOptional()
  @IsNonEmptyString()
  customerName?: string;
}
