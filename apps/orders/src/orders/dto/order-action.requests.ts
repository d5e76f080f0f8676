import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';

export class HoldOrderRequest {
  @ApiProperty({ example: 'customer asked to check the address' })
  @IsVisibleText(500)
  reason: string;
}

export class CancelOrderRequest {
  @ApiPropertyOptional({ example: 'customer changed their mind' })
  @IsOmittable()
  @IsVisibleText(500)
  reason?: string;
}
