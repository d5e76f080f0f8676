import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Ships everything reserved for the order. */
export class CreateShipmentRequest {
  @ApiProperty()
  @Transform(trim)
  @IsVisibleText(100)
  orderId: string;

  @ApiPropertyOptional({ example: 'PostNL' })
  @IsOmittable()
  @Transform(trim)
  @IsVisibleText(100)
  carrier?: string;

  @ApiPropertyOptional({ example: '3SABCD1234567' })
  @IsOmittable()
  @Transform(trim)
  @IsVisibleText(100)
  trackingNumber?: string;
}
