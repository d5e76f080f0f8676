import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { TEST_TOKEN_DESCRIPTION } from '../provider/test-payment.provider';

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'maestro', 'other'] as const;

/**
 * A card as the payment provider's token plus what a person may see. Never a
 * card number: any field of any orders request that looks like one is refused.
 */
export class AddPaymentMethodRequest {
  @ApiProperty({ example: 'tok_approve', description: `The provider's token for the card (e.g. a Stripe PaymentMethod id). ${TEST_TOKEN_DESCRIPTION}` })
  @Matches(/^[A-Za-z0-9_-]{3,200}$/, { message: 'providerToken must be the payment provider\'s token (3-200 letters, digits, _ or -)' })
  providerToken: string;

  @ApiProperty({ enum: CARD_BRANDS })
  @Matches(new RegExp(`^(${CARD_BRANDS.join('|')})$`), { message: `brand must be one of: ${CARD_BRANDS.join(', ')}` })
  brand: (typeof CARD_BRANDS)[number];

  @ApiProperty({ example: '4242', description: 'the last four digits only' })
  @Matches(/^\d{4}$/, { message: 'last4 must be exactly four digits' })
  last4: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expiryMonth: number;

  @ApiProperty({ example: 2030 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expiryYear: number;
}
