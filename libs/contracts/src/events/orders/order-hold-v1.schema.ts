import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedArray, NestedObject } from '../../validation/contract.decorators';
import { ActorV1 } from '../shared/actor-v1.schema';

/**
 * Why an order is held. `pricing` and `payment` are placed by the services
 * themselves (a line without a price; a payment not settled), `fraud` by the
 * fraud rules or a person, `manual` and `credit` by customer service.
 */
export const ORDER_HOLD_TYPES = ['manual', 'fraud', 'payment', 'credit', 'pricing'] as const;
/** One of {@link ORDER_HOLD_TYPES}. */
export type OrderHoldType = (typeof ORDER_HOLD_TYPES)[number];

/** One hold of an order: who placed it, when and why, and once cleared who cleared it, when and why. */
export class OrderHoldV1 {
  @IsUUID()
  holdId: string;

  @IsIn(ORDER_HOLD_TYPES)
  type: OrderHoldType;

  /** A short machine code (fraud-score, price-missing, address-check...); consumers decide on `type` and `code`, never on `reason`. */
  @IsNonEmptyString()
  code: string;

  @IsString()
  reason: string;

  @NestedObject(ActorV1)
  placedBy: ActorV1;

  @IsIsoDate()
  placedAt: string;

  @IsOptional()
  @NestedObject(ActorV1)
  clearedBy?: ActorV1;

  @IsOptional()
  @IsIsoDate()
  clearedAt?: string;

  @IsOptional()
  @IsString()
  clearReason?: string;
}

/** One fraud rule that fired: its name, the score it added and what it saw. */
export class FraudRuleHitV1 {
  /** orderTotalAbove | ordersPerCustomer24h | countryMismatch | newCustomerTotalAbove | blockedEmail | blockedPostcode */
  @IsNonEmptyString()
  rule: string;

  @IsIntAtLeast(0)
  score: number;

  @IsString()
  detail: string;
}

/** The fraud rules' verdict on an order when it was placed. */
export class FraudEvaluationV1 {
  @IsUUID()
  evaluationId: string;

  @IsIntAtLeast(0)
  score: number;

  /** The score at or above which a fraud hold is placed. */
  @IsIntAtLeast(1)
  threshold: number;

  @IsBoolean()
  held: boolean;

  @NestedArray(FraudRuleHitV1)
  firedRules: FraudRuleHitV1[];

  @IsIsoDate()
  evaluatedAt: string;
}
