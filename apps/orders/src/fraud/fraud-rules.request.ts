import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { FraudRules } from './fraud-rules';

const Score = () => ApiProperty({ example: 40, minimum: 0, maximum: 1000, description: 'added to the order\'s fraud score when the rule fires' });

class ScoreOnly {
  @Score()
  @IsInt()
  @Min(0)
  @Max(1000)
  score: number;
}

class AmountLimitDto {
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ example: 100000, description: 'minor units (cents)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;
}

class AmountRule extends ScoreOnly {
  @ApiProperty({ type: [AmountLimitDto], description: 'one amount per currency; orders in other currencies never fire the rule' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of limits must be an object with currency and amountMinor' })
  @ValidateNested({ each: true })
  @Type(() => AmountLimitDto)
  limits: AmountLimitDto[];
}

class VelocityRule extends ScoreOnly {
  @ApiProperty({ example: 3, description: 'fires when this order makes more than this many orders of the customer in 24 hours' })
  @IsInt()
  @Min(1)
  @Max(1000)
  maxOrders: number;
}

class BlockedEmailsRule extends ScoreOnly {
  @ApiProperty({ type: [String], example: ['mallory@example.com', '@spam.test'], description: 'addresses, or @domain for a whole domain' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  @Matches(/^([^\s@]+)?@[^\s@]+\.[^\s@]+$/, { each: true, message: 'each of emails must be an email address or @domain' })
  emails: string[];
}

class BlockedPostcodesRule extends ScoreOnly {
  @ApiProperty({ type: [String], example: ['9999 ZZ'], description: 'compared without case and spaces, with the ship-to and billing postcodes' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$/, { each: true, message: 'each of postcodes must be a postcode (letters, digits, spaces, dashes; at most 20)' })
  postcodes: string[];
}

/** An optional nested rule object: the property decorators every rule shares. */
function Rule(cls: new () => object, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: cls, description })(target, key);
    IsOmittable()(target, key);
    IsObject({ message: `${String(key)} must be an object` })(target, key);
    ValidateNested()(target, key);
    Type(() => cls)(target, key);
  };
}

/** PUT /settings/fraud-rules: the whole rule set; a rule left out is off. */
export class FraudRulesRequest implements FraudRules {
  @ApiProperty({ example: 50, description: 'a total score at or above this places a fraud hold' })
  @IsInt()
  @Min(1)
  @Max(100000)
  threshold: number;

  @Rule(AmountRule, 'the order total is above the limit of its currency')
  orderTotalAbove?: AmountRule;

  @Rule(VelocityRule, 'more than maxOrders orders of one customer in 24 hours')
  ordersPerCustomer24h?: VelocityRule;

  @Rule(ScoreOnly, 'the ship-to country differs from the billing country')
  countryMismatch?: ScoreOnly;

  @Rule(AmountRule, 'a customer with no earlier order orders above the limit of the currency')
  newCustomerTotalAbove?: AmountRule;

  @Rule(BlockedEmailsRule, 'the customer email is blocked')
  blockedEmails?: BlockedEmailsRule;

  @Rule(BlockedPostcodesRule, 'the ship-to or billing postcode is blocked')
  blockedPostcodes?: BlockedPostcodesRule;
}
