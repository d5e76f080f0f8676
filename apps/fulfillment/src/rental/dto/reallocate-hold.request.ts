import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A store manager picks the unit a hold reserves, by its serial. */
export class ReallocateHoldRequest {
  @ApiProperty({ example: 'BIKE-0002' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'serial must not be empty' })
  @MaxLength(64)
  serial: string;
}
