import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { IsSku, IsWarehouseCode } from '../../stock/dto/identifiers';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One physical unit, known by its serial number or asset tag. */
export class AddRentalUnitRequest {
  @ApiProperty({ example: 'BIKE-0001' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'serial must be 1-64 letters, digits, ".", "_", "/" or "-"' })
  serial: string;

  @ApiProperty({ example: 'E-BIKE-CITY' })
  @IsSku()
  sku: string;

  @ApiProperty({ example: 'MAIN', description: 'warehouse code' })
  @IsWarehouseCode('warehouse')
  warehouse: string;
}
