import { ApiPropertyOptional } from '@nestjs/swagger';
import { DUNNING_FINAL_ACTIONS, type DunningFinalAction } from '@oms/contracts';
import { IsOmittable } from '@oms/service-runtime';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { registerDecorator } from 'class-validator';

/** PUT /settings/payments: any subset; a field left out keeps its value. */
export class PaymentSettingsRequest {
  @ApiPropertyOptional({ example: ['call-center'], description: 'channels whose orders need a stored card (held for payment without one); others pay on account until a card is stored' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Matches(/^[a-z0-9-]+$/, { each: true, message: 'each of requireCardChannels must be a channel name (a-z, 0-9, -)' })
  requireCardChannels?: string[];

  @ApiPropertyOptional({ example: 10000, description: 'largest refund in minor units a csr may give; above it only admin' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  csrRefundLimitMinor?: number;

  @ApiPropertyOptional({ example: [1, 3, 7], description: "days after a subscription cycle's first failed authorization to retry, ascending, in the subscription's time zone" })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  @Ascending()
  dunningRetryDays?: number[];

  @ApiPropertyOptional({ enum: DUNNING_FINAL_ACTIONS, description: 'what applies after the last retry fails' })
  @IsOmittable()
  @IsIn(DUNNING_FINAL_ACTIONS, { message: `dunningFinalAction must be one of: ${DUNNING_FINAL_ACTIONS.join(', ')}` })
  dunningFinalAction?: DunningFinalAction;
}

function Ascending() {
  return (target: object, property: string) => {
    registerDecorator({
      name: 'ascending', target: target.constructor, propertyName: property,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every((v, i) => i === 0 || (typeof v === 'number' && v > (value[i - 1] as number))),
        defaultMessage: () => `${property} must be strictly ascending`,
      },
    });
  };
}
