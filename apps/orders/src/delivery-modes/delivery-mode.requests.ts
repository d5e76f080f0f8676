import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';

/** Lower-case letters, digits and dashes, starting with a letter: the code orders name. */
export const DELIVERY_MODE_CODE = /^[a-z][a-z0-9-]{0,39}$/;
/** A promised ship time of at most a year, in minutes. */
export const MAX_PROMISED_SHIP_MINUTES = 60 * 24 * 365;

/** POST /delivery-modes. */
export class CreateDeliveryModeRequest {
  @ApiProperty({ example: 'express', description: 'lower-case letters, digits and dashes (1-40), starting with a letter' })
  @Matches(DELIVERY_MODE_CODE, { message: 'code must be 1-40 lower-case letters, digits or dashes, starting with a letter' })
  code: string;

  @ApiProperty({ example: 'Express (ships within 24 hours)' })
  @IsVisibleText(200)
  name: string;

  @ApiProperty({ example: 1440, description: 'minutes after an order is created by which it must have shipped (promisedShipBy); 1440 = 24 hours' })
  @IsInt()
  @Min(1)
  @Max(MAX_PROMISED_SHIP_MINUTES)
  promisedShipMinutes: number;
}

/** PATCH /delivery-modes/{code}: any subset; orders already placed keep their promisedShipBy. */
export class UpdateDeliveryModeRequest {
  @ApiPropertyOptional({ example: 'Express' })
  @IsOmittable()
  @IsVisibleText(200)
  name?: string;

  @ApiPropertyOptional({ example: 720 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_PROMISED_SHIP_MINUTES)
  promisedShipMinutes?: number;

  @ApiPropertyOptional({ example: false, description: 'false: new orders may not choose it (standard stays active)' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}
