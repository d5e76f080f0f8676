import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DELIVERY_MODE_CODE } from '../../delivery-modes/delivery-mode.requests';
import { IsOmittable, IsVisibleText, ShipToDto } from '@oms/service-runtime';
import { SOURCE_CODE_PATTERN_SHAPE } from '../../source-codes/source-code.rules';
import { ChargeOverrideRequest, ChargeOverrides, DiscountOverrideRequest, NestedOverride, OrderLineRequest, OrderLines } from '../../pricing/dto/override.requests';

/** Channels that place one-off orders over HTTP; subscription orders come only from due cycles. */
export const HTTP_CHANNELS = ['web', 'call-center'] as const;

export class PlaceOrderRequest {
  @ApiProperty({ example: 'cust-1001' })
  @IsVisibleText(100)
  customerId: string;

  @ApiPropertyOptional({ example: 'ann@example.com' })
  @IsOmittable()
  @IsEmail()
  @MaxLength(320)
  customerEmail?: string;

  @ApiPropertyOptional({ example: 'Ann de Vries' })
  @IsOmittable()
  @IsVisibleText(200)
  customerName?: string;

  @ApiPropertyOptional({ example: '+31 20 123 4567', description: 'GET /orders?search= finds the order by its digits' })
  @IsOmittable()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'customerPhone must be a phone number such as +31 20 123 4567' })
  customerPhone?: string;

  @ApiProperty({ enum: HTTP_CHANNELS })
  @IsIn(HTTP_CHANNELS, { message: `channel must be one of: ${HTTP_CHANNELS.join(', ')}` })
  channel: (typeof HTTP_CHANNELS)[number];

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiPropertyOptional({ description: "the upstream order's id; a second request with the same channel and reference creates nothing" })
  @IsOmittable()
  @IsVisibleText(200)
  externalRef?: string;

  @ApiPropertyOptional({ type: ShipToDto, description: 'delivery address, copied onto the order and carried to its release and shipment' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo?: ShipToDto;

  @ApiPropertyOptional({ example: 'express', description: 'a delivery mode code (GET /delivery-modes); default standard. Sets promisedShipBy: creation plus the mode\'s promised ship minutes' })
  @IsOmittable()
  @Matches(DELIVERY_MODE_CODE, { message: 'deliveryMode must be a delivery mode code such as standard or express' })
  deliveryMode?: string;
  @ApiPropertyOptional({ type: ShipToDto, description: 'billing address (same shape as shipTo); the fraud rules compare its country with the ship-to country' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ShipToDto)
  billTo?: ShipToDto;

  @ApiPropertyOptional({ example: 'SPRING26', description: 'a source code of GET /source-codes for this channel, valid now; its discount and charge rule apply' })
  @IsOmittable()
  @Matches(SOURCE_CODE_PATTERN_SHAPE, { message: 'sourceCode must be 1-32 letters, digits, "_" or "-"' })
  sourceCode?: string;

  @OrderLines()
  lines: OrderLineRequest[];

  @NestedOverride(DiscountOverrideRequest, "discount override for every line without its own: replaces the source code's discount")
  orderDiscountOverride?: DiscountOverrideRequest;

  @ChargeOverrides()
  chargeOverrides?: ChargeOverrideRequest[];
}
