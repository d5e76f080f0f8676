import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable, IsVisible, IsVisibleText } from './text.decorators';

/** A delivery address on input (subscriptions, orders); same rules as the contract's ShipToV1. */
export class ShipToDto {
  @ApiProperty({ example: 'Ann de Vries', maxLength: 100 })
  @IsVisibleText(100)
  name: string;

  @ApiProperty({ type: [String], example: ['Keizersgracht 1', '2nd floor'], minItems: 1, maxItems: 3 })
  @IsArray()
  @ArrayMinSize(1, { message: 'lines must contain at least one address line' })
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @IsVisible({ each: true, message: 'each address line must be visible text: not blank, not only invisible characters, no NUL or lone surrogates' })
  @MaxLength(100, { each: true })
  lines: string[];

  @ApiProperty({ example: '1015 CJ', maxLength: 20 })
  @IsVisibleText(20)
  postcode: string;

  @ApiProperty({ example: 'Amsterdam', maxLength: 100 })
  @IsVisibleText(100)
  city: string;

  @ApiPropertyOptional({ example: 'Noord-Holland', maxLength: 100 })
  @IsOmittable()
  @IsVisibleText(100)
  region?: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode: string;

  @ApiPropertyOptional({ example: '+31 20 123 4567' })
  @IsOmittable()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number such as +31 20 123 4567' })
  phone?: string;
}
