import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { frequencyLabel, sameFrequency, type FrequencyV1 } from '@oms/contracts';
import type { FieldError } from '@oms/service-runtime';
import type { CatalogProduct } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface RequestedLine {
  productId: string;
  quantity: number;
}

/**
 * Checks each line against the local catalog read model: the product exists,
 * is active and subscribable, allows the requested frequency and has a price in
 * the subscription's currency. Every refusal names its line; all are reported
 * at once.
 */
@Injectable()
export class SubscriptionLinesValidator {
  constructor(private readonly prisma: PrismaService) {}

  async validate(lines: RequestedLine[], frequency: FrequencyV1, currency: string): Promise<CatalogProduct[]> {
    const products = await this.prisma.catalogProduct.findMany({ where: { productId: { in: lines.map((l) => l.productId) } } });
    const byId = new Map(products.map((p) => [p.productId, p]));
    const errors: FieldError[] = [];
    lines.forEach((line, i) => {
      const problem = lineProblem(byId.get(line.productId), line, frequency, currency);
      if (problem) errors.push({ field: `lines.${i}.productId`, messages: [problem] });
    });
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (seen.has(line.productId)) errors.push({ field: `lines.${i}.productId`, messages: ['this product is already on another line'] });
      seen.add(line.productId);
    });
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'One or more lines cannot be subscribed to',
        errors,
      });
    }
    return lines.map((line) => byId.get(line.productId)!);
  }
}

function lineProblem(product: CatalogProduct | undefined, line: RequestedLine, frequency: FrequencyV1, currency: string): string | null {
  if (!product) return `product ${line.productId} is not in the catalog`;
  if (product.status !== 'active') return `product ${product.sku} is retired`;
  if (!product.subscribable) return `product ${product.sku} cannot be subscribed to`;
  const allowed = product.allowedFrequencies as unknown as FrequencyV1[];
  if (!allowed.some((f) => sameFrequency(f, frequency))) {
    return `product ${product.sku} does not allow ${frequencyLabel(frequency)} (allowed: ${allowed.map(frequencyLabel).join(', ')})`;
  }
  const prices = product.prices as unknown as { currency: string }[];
  if (!prices.some((p) => p.currency === currency)) return `product ${product.sku} has no ${currency} price`;
  return null;
}
