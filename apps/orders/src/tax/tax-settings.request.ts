import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, Matches } from 'class-validator';

/** PUT /settings/tax: the whole list (a currency left out is tax-exclusive again). */
export class TaxSettingsRequest {
  @ApiProperty({
    type: [String], example: ['EUR'],
    description: 'currencies whose prices include tax (EU-style gross prices); every other currency is tax-exclusive, the default',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'taxInclusiveCurrencies must not list a currency twice' })
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'each of taxInclusiveCurrencies must be an ISO 4217 code such as EUR' })
  taxInclusiveCurrencies: string[];
}
