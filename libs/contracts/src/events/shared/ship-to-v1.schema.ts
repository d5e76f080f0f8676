import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable, IsVisible, IsVisibleText } from '../../validation/text.decorators';

/**
 * A delivery address: who receives the parcel and where. The rules are those
 * of the HTTP ShipToDto (libs/service-runtime), so an address refused on
 * `POST /orders` is dead-lettered when it arrives on `channel.order.v1`.
 */
export class ShipToV1 {
  @IsVisibleText(100)
  name: string;

  /** Street and house number first; at most three lines. */
  @IsArray()
  @ArrayMinSize(1, { message: 'lines must contain at least one address line' })
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @IsVisible({ each: true, message: 'each address line must be visible text: not blank, not only invisible characters, no NUL or lone surrogates' })
  @MaxLength(100, { each: true })
  lines: string[];

  @IsVisibleText(20)
  postcode: string;

  @IsVisibleText(100)
  city: string;

  @IsOmittable()
  @IsVisibleText(100)
  region?: string;

  /** ISO 3166-1 alpha-2, upper case (NL, DE, US). */
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode: string;

  /** E.164-ish: digits, spaces and an optional leading plus. */
  @IsOmittable()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: '$property must be a phone number such as +31 20 123 4567' })
  phone?: string;
}
