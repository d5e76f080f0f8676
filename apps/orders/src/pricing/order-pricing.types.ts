/** Shapes of the one pricing function quotes and placed orders share (order-pricing.ts). */

import type { ChargeType, PriceOverrideKind, PriceOverrideUnit } from '@oms/contracts';

export { CHARGE_TYPES, type ChargeType } from '@oms/contracts';

/** A product as pricing needs it: list prices and (optional) cost prices per currency. */
export interface PricedProduct {
  productId: string;
  sku: string;
  status: string;
  prices: unknown;
  costPrices?: unknown;
}

/** One requested line with the overrides the caller asks for. */
export interface LineRequest {
  productId: string;
  quantity: number;
  priceOverride?: { unitPriceMinor: number; reasonCode: string };
  discountOverride?: { percent: number; reasonCode: string };
  /** Accepts a margin below the alert threshold on a line without a price or discount override. */
  marginReasonCode?: string;
}

/** A source code's terms as pricing applies them (already checked for validity, channel and dates). */
export interface SourceCodeTerms {
  code: string;
  discountPercent: number | null;
  freeShipping: boolean;
  charges: Array<{ type: ChargeType; currency: string; amountMinor: number }>;
}

/** The call-center settings pricing reads. */
export interface PricingPolicy {
  marginAlertPercent: number;
  reasonCodes: readonly string[];
  /** Roles that may override, with how far: percent off list for prices, percent off a charge. */
  limits: ReadonlyArray<{ role: string; maxPercentOffList: number; maxChargeReductionPercent: number }>;
}

export interface PricingInput {
  currency: string;
  lines: LineRequest[];
  products: ReadonlyMap<string, PricedProduct>;
  sourceCode: SourceCodeTerms | null;
  orderDiscountOverride?: { percent: number; reasonCode: string };
  chargeOverrides?: Array<{ type: ChargeType; amountMinor: number; reasonCode: string }>;
  policy: PricingPolicy;
  /** The caller's role: overrides beyond its limit (or by a role without one) are refused. */
  role: string;
  /** Placing (not quoting): a line under the margin threshold needs an override reason. */
  placing: boolean;
}

export interface Discount {
  /** source-code: the code's percent; override: a line or order discount override. */
  source: 'source-code' | 'override';
  code?: string;
  percent: number;
  amountMinor: number;
}

export interface PriceOverride {
  kind: PriceOverrideKind;
  /** 0-based line index for line overrides; absent for order-level ones. */
  line?: number;
  /** The charge a charge override replaced. */
  chargeType?: ChargeType;
  /** minor: amounts in minor units; percent: percentages (2 decimals). */
  unit: PriceOverrideUnit;
  oldValue: number;
  newValue: number;
  reasonCode: string;
}

export interface QuotedLine {
  productId: string;
  sku: string;
  quantity: number;
  listPriceMinor: number;
  /** The unit price discounts apply to: the list price or its override. */
  basePriceMinor: number;
  discounts: Discount[];
  overrides: PriceOverride[];
  unitNetPriceMinor: number;
  lineNetMinor: number;
  unitCostMinor: number | null;
  costMinor: number | null;
  marginMinor: number | null;
  marginPercent: number | null;
  marginAlert: boolean;
}

export interface QuotedCharge {
  type: ChargeType;
  amountMinor: number;
  /** none: no rule; source-code: the code's charge; free-shipping: the code waives it; override: set by a person. */
  basis: 'none' | 'source-code' | 'free-shipping' | 'override';
}

export interface PricingProblem {
  /** 422: the request cannot be priced as asked; 403: the caller's role may not give this override. */
  status: 403 | 422;
  field: string;
  message: string;
}

export interface OrderPricing {
  currency: string;
  sourceCode: string | null;
  lines: QuotedLine[];
  charges: QuotedCharge[];
  overrides: PriceOverride[];
  totals: {
    listMinor: number;
    discountMinor: number;
    linesNetMinor: number;
    chargesMinor: number;
    totalMinor: number;
    costMinor: number | null;
    marginMinor: number | null;
    marginPercent: number | null;
  };
  marginAlert: boolean;
  problems: PricingProblem[];
}
