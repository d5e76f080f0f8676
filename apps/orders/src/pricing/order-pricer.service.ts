import { ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { fieldRejected, type FieldError } from '@oms/service-runtime';
import { productsById } from '../catalog/catalog-read-model';
import type { Prisma } from '../generated/prisma/client';
import type { PlaceOrderRequest } from '../orders/dto/place-order.request';
import { CallCenterSettingsService } from '../settings/call-center-settings.service';
import { SourceCodesService } from '../source-codes/source-codes.service';
import { priceOrder } from './order-pricing';
import type { OrderPricing, PricingProblem } from './order-pricing.types';

/** An order priced without problems, and the margin threshold its alerts were measured against. */
export type PricedOrder = Omit<OrderPricing, 'problems'> & { marginAlertPercent: number };

/**
 * Gathers what pricing needs for one request (settings, the source code,
 * products from the read model) in the caller's transaction and prices it
 * with {@link priceOrder}, the same way for a quote and a placement. A
 * request that cannot be priced as asked is refused: 403 when an override
 * goes beyond the caller's role, 422 otherwise, each naming its field.
 */
@Injectable()
export class OrderPricer {
  constructor(
    private readonly settings: CallCenterSettingsService,
    private readonly sourceCodes: SourceCodesService,
  ) {}

  async price(db: Prisma.TransactionClient, request: PlaceOrderRequest, actor: Actor, purpose: 'quote' | 'place'): Promise<PricedOrder> {
    const settings = await this.settings.get(db);
    let sourceCode = null;
    if (request.sourceCode) sourceCode = await this.sourceCodes.termsFor(db, request.sourceCode, request.channel);
    else if (settings.sourceCodeRequired && request.channel === 'call-center') throw fieldRejected('sourceCode', 'a call-center order needs a source code (setting sourceCodeRequired)');
    const products = await productsById(db, request.lines.map((line) => line.productId));
    const pricing = priceOrder({
      currency: request.currency, lines: request.lines, products, sourceCode,
      ...(request.orderDiscountOverride && { orderDiscountOverride: request.orderDiscountOverride }),
      ...(request.chargeOverrides && { chargeOverrides: request.chargeOverrides }),
      policy: { marginAlertPercent: settings.marginAlertPercent, reasonCodes: settings.reasonCodes.map((r) => r.code), limits: settings.overrideLimits },
      role: actor.role, placing: purpose === 'place',
    });
    const { problems, ...priced } = pricing;
    refuseProblems(byLine([...problems, ...duplicateLines(request)]), actor);
    return { ...priced, marginAlertPercent: settings.marginAlertPercent };
  }
}

function duplicateLines(request: PlaceOrderRequest): PricingProblem[] {
  const seen = new Set<string>();
  return request.lines.flatMap((line, i): PricingProblem[] => {
    const twice = seen.has(line.productId);
    seen.add(line.productId);
    return twice ? [{ status: 422, field: `lines.${i}.productId`, message: 'this product is already on another line' }] : [];
  });
}

/** Problems in line order (`lines.N...` by N, order-level ones first), as the request reads. */
function byLine(problems: PricingProblem[]): PricingProblem[] {
  const line = (p: PricingProblem) => Number(/^lines\.(\d+)/.exec(p.field)?.[1] ?? -1);
  return [...problems].sort((a, b) => line(a) - line(b));
}

/** Overrides beyond the role answer 403 (checked first: the caller may not ask it at all); anything else 422. */
function refuseProblems(problems: PricingProblem[], actor: Actor): void {
  const errors = (status: number): FieldError[] => problems.filter((p) => p.status === status).map((p) => ({ field: p.field, messages: [p.message] }));
  const forbidden = errors(403);
  if (forbidden.length > 0) {
    throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `One or more overrides go beyond what role ${actor.role} may give`, errors: forbidden });
  }
  const rejected = errors(422);
  if (rejected.length > 0) {
    throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: 'One or more lines cannot be ordered', errors: rejected });
  }
}
