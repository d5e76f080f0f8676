import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNonEmptyString } from '../../validation/contract.decorators';

/** A delivery address: who receives the parcel and where. */
export class ShipToV1 {
  @IsNonEmptyString()
  @MaxLength(100)
  name: string;

  /** Street and house number first; at most three lines. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  lines: string[];

  @IsNonEmptyString()
  @MaxLength(20)
  postcode: string;

  @IsNonEmptyString()
  @MaxLength(100)
  city: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  /** ISO 3166-1 alpha-2, upper case (NL, DE, US). */
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode: string;

  /** E.164-ish: digits, spaces and an optional leading plus. */
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: '$property must be a phone number such as +31 20 123 4567' })
  phone?: string;
}
