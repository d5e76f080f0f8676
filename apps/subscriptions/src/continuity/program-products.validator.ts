import { Injectable } from '@nestjs/common';
import type { CatalogProduct } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { ProgramStep } from './continuity-terms';
import { ProgramRejectedError } from './continuity.errors';

/** A step as requested: products and quantities at the step's prices, skus not known yet. */
export interface RequestedStep {
  lines: Array<{ productId: string; quantity: number; unitPriceMinor: number }>;
}

/** One refused step line: its path in the request (`steps.1.lines.0.productId`) and why. */
export interface StepLineProblem {
  field: string;
  message: string;
}

/**
 * Checks every step line against the local catalog read model: the product exists and is active, and is goods (a
 * rental has its own subscription model); a product appears at most once per step. Programs set their own prices and
 * interval, so the catalog's list price and allowed frequencies do not apply.
 */
@Injectable()
export class ProgramProductsValidator {
  constructor(private readonly prisma: PrismaService) {}

  /** The steps with each product's sku, or every problem found. */
  async check(steps: RequestedStep[]): Promise<{ steps: ProgramStep[]; problems: StepLineProblem[] }> {
    const ids = [...new Set(steps.flatMap((step) => step.lines.map((line) => line.productId)))];
    const products = new Map((await this.prisma.catalogProduct.findMany({ where: { productId: { in: ids } } })).map((p) => [p.productId, p]));
    const problems: StepLineProblem[] = [];
    const checked = steps.map((step, s) => {
      const seen = new Set<string>();
      const lines = step.lines.map((line, l) => {
        const field = `steps.${s}.lines.${l}.productId`;
        const product = products.get(line.productId);
        const problem = seen.has(line.productId) ? 'this product is already on another line of this step' : problemOf(product, line.productId);
        if (problem) problems.push({ field, message: problem });
        seen.add(line.productId);
        return { productId: line.productId, sku: product?.sku ?? line.productId, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor };
      });
      return { step: s + 1, lines };
    });
    return { steps: checked, problems };
  }

  /** As `check`, refusing with every offending line named. */
  async validate(steps: RequestedStep[]): Promise<ProgramStep[]> {
    const { steps: checked, problems } = await this.check(steps);
    if (problems.length > 0) throw new ProgramRejectedError('One or more step lines cannot be shipped', problems);
    return checked;
  }
}

function problemOf(product: CatalogProduct | undefined, productId: string): string | null {
  if (!product) return `product ${productId} is not in the catalog (a product created a moment ago reaches this service within seconds)`;
  if (product.status !== 'active') return `product ${product.sku} is retired`;
  if (product.type === 'rental') return `product ${product.sku} is a rental; rentals cannot be program items`;
  return null;
}
