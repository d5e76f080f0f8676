import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Ships everything reserved for the order. */
export class CreateShipmentRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'orderId must not be empty' })
  @MaxLength(100)
  orderId: string;

  @ApiPropertyOptional({ example: 'PostNL' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'carrier must not be empty' })
  @MaxLength(100)
  carrier?: string;

  @ApiPropertyOptional({ example: '3SABCD1234567' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'trackingNumber must not be empty' })
  @MaxLength(100)
  trackingNumber?: string;
}
