import { ApiPropertyOptional } from '@nestjs/swagger';
import { DUNNING_FINAL_ACTIONS, OUT_OF_STOCK_POLICIES, type DunningFinalAction, type OutOfStockPolicy } from '@oms/contracts';
import { FrequencyDto, IsOmittable, ProductLineDto, ShipToDto } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsUUID, Matches, ValidateNested } from 'class-validator';

/** A line after the change: with `lineId` an existing line (quantity or product swapped), without it a new one; lines left out are removed. */
export class ChangeLineDto extends ProductLineDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'existing line to keep or change' })
  @IsOmittable()
  @IsUUID()
  lineId?: string;
}

export class ChangeSubscriptionRequest {
  @ApiPropertyOptional({ type: FrequencyDto, description: 'new rhythm from the next cycle not yet ordered, which keeps its date' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => FrequencyDto)
  frequency?: FrequencyDto;

  @ApiPropertyOptional({ example: '2026-06-10', description: 'local date of the next delivery; its day fixes the new rhythm' })
  @IsOmittable()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'anchorDate must be a local date like 2026-06-10' })
  anchorDate?: string;

  @ApiPropertyOptional({ example: '09:00', description: 'local time of day each cycle comes due' })
  @IsOmittable()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'deliveryTime must be HH:mm, 00:00 to 23:59' })
  deliveryTime?: string;

  @ApiPropertyOptional({ type: [ChangeLineDto], description: 'the full set of lines from the next cycle on' })
  @IsOmittable()
  @ArrayMinSize(1, { message: 'lines must contain at least one product' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChangeLineDto)
  lines?: ChangeLineDto[];

  @ApiPropertyOptional({ type: ShipToDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo?: ShipToDto;

  @ApiPropertyOptional({ example: 'ann@example.com' })
  @IsOmittable()
  @IsEmail()
  customerEmail?: string;

  @ApiPropertyOptional({ enum: OUT_OF_STOCK_POLICIES })
  @IsOmittable()
  @IsIn(OUT_OF_STOCK_POLICIES)
  outOfStockPolicy?: OutOfStockPolicy;

  @ApiPropertyOptional({ enum: DUNNING_FINAL_ACTIONS, description: "what applies when a cycle's payment fails at every dunning retry; applies to cycles ordered from now on" })
  @IsOmittable()
  @IsIn(DUNNING_FINAL_ACTIONS)
  dunningFinalAction?: DunningFinalAction;
}
