import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { frequencyLabel, sameFrequency, type FrequencyV1 } from '@oms/contracts';
import { retryAfter, type FieldError } from '@oms/service-runtime';
import type { CatalogProduct } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

/**
 * How long a client should wait before retrying a line whose product is not
 * known yet: the catalog event of a product created a moment ago normally
 * reaches this service's read model within a few seconds.
 */
export const UNKNOWN_PRODUCT_RETRY_AFTER_SECONDS = 5;

export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** Why a line cannot be subscribed to; `temporary` when a retry may succeed without any change. */
interface LineProblem {
  message: string;
  temporary: boolean;
}

/**
 * Checks each line against the local catalog read model: the product exists,
 * is active and subscribable, allows the requested frequency and has a price in
 * the subscription's currency. Every refusal names its line; all are reported
 * at once. A product the read model does not know may have been created a
 * moment ago: when that is the only problem, the 422 says so and carries
 * Retry-After.
 */
@Injectable()
export class SubscriptionLinesValidator {
  constructor(private readonly prisma: PrismaService) {}

  async validate(lines: RequestedLine[], frequency: FrequencyV1, currency: string): Promise<CatalogProduct[]> {
    const products = await this.prisma.catalogProduct.findMany({ where: { productId: { in: lines.map((l) => l.productId) } } });
    const byId = new Map(products.map((p) => [p.productId, p]));
    const problems: Array<LineProblem & { index: number }> = [];
    lines.forEach((line, index) => {
      const problem = lineProblem(byId.get(line.productId), line, frequency, currency);
      if (problem) problems.push({ ...problem, index });
    });
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.productId)) problems.push({ index, message: 'this product is already on another line', temporary: false });
      seen.add(line.productId);
    });
    if (problems.length > 0) throw refusal(problems);
    return lines.map((line) => byId.get(line.productId)!);
  }
}

function refusal(problems: Array<LineProblem & { index: number }>): UnprocessableEntityException {
  const errors: FieldError[] = problems.map((p) => ({ field: `lines.${p.index}.productId`, messages: [p.message] }));
  const temporary = problems.every((p) => p.temporary);
  const exception = new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: temporary
      ? `One or more products are not known yet; retry after ${UNKNOWN_PRODUCT_RETRY_AFTER_SECONDS} seconds`
      : 'One or more lines cannot be subscribed to',
    errors,
  });
  return temporary ? retryAfter(exception, UNKNOWN_PRODUCT_RETRY_AFTER_SECONDS) : exception;
}

function lineProblem(product: CatalogProduct | undefined, line: RequestedLine, frequency: FrequencyV1, currency: string): LineProblem | null {
  if (!product) {
    return { message: `product ${line.productId} is not known yet (a product created a moment ago reaches this service within seconds)`, temporary: true };
  }
  const permanent = (message: string): LineProblem => ({ message, temporary: false });
  if (product.status !== 'active') return permanent(`product ${product.sku} is retired`);
  if (!product.subscribable) return permanent(`product ${product.sku} cannot be subscribed to`);
  const allowed = product.allowedFrequencies as unknown as FrequencyV1[];
  if (!allowed.some((f) => sameFrequency(f, frequency))) {
    return permanent(`product ${product.sku} does not allow ${frequencyLabel(frequency)} (allowed: ${allowed.map(frequencyLabel).join(', ')})`);
  }
  const prices = product.prices as unknown as { currency: string }[];
  if (!prices.some((p) => p.currency === currency)) return permanent(`product ${product.sku} has no ${currency} price`);
  return null;
}
