import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { IsSku } from '../../stock/dto/identifiers';
import { RENTAL_UNIT_STATES, type RentalUnitState } from '../rental-unit.states';

export class ListRentalUnitsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsSku()
  sku?: string;

  @ApiPropertyOptional({ enum: RENTAL_UNIT_STATES })
  @IsOptional()
  @IsIn(RENTAL_UNIT_STATES, { message: `state must be one of: ${RENTAL_UNIT_STATES.join(', ')}` })
  state?: RentalUnitState;
}

export class RentalUnitSummaryQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsSku()
  sku?: string;
}
