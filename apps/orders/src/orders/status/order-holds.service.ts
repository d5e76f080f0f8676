import { ConflictException, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { productsById } from '../../catalog/catalog-read-model';
import { priceLines } from '../intake/line-pricing';
import { minorAmount } from '../money';
import type { FullOrder } from '../order.mapper';
import type { Cause } from './order-events';
import { checkReleaseHold } from './order-status.machine';
import { OrderTransitions, stateOf } from './order-transitions.service';

/**
 * Holds put by people (customer service) and their release. An order born on
 * hold because a line had no price is priced again from the read model when
 * the hold is released; the release is refused while a price is still missing.
 */
@Injectable()
export class OrderHolds {
  constructor(private readonly transitions: OrderTransitions) {}

  async hold(tx: Prisma.TransactionClient, orderId: string, reason: string, cause: Cause): Promise<FullOrder> {
    return this.transitions.change(tx, orderId, 'on-hold', reason, cause);
  }

  async releaseHold(tx: Prisma.TransactionClient, orderId: string, cause: Cause): Promise<FullOrder> {
    const order = await this.transitions.lockOrThrow(tx, orderId);
    const check = checkReleaseHold(stateOf(order));
    if (!check.allowed) throw conflict(check.reason);
    const totalMinor = await this.priceMissingLines(tx, order);
    return this.transitions.move(tx, order, check.to, 'hold released', cause, { totalMinor });
  }

  /**
   * Releases a hold put because lines had no price, once every line can be
   * priced; otherwise leaves the order as it is and says what is still missing.
   */
  async releasePricingHold(tx: Prisma.TransactionClient, orderId: string, cause: Cause): Promise<'released' | string> {
    const order = await this.transitions.lock(tx, orderId);
    if (!order || order.status !== 'on-hold' || order.lines.every((line) => line.unitPriceMinor !== null)) return 'not held for pricing';
    const check = checkReleaseHold(stateOf(order));
    if (!check.allowed) return check.reason;
    const missing = await this.pricingProblems(tx, order);
    if (missing) return missing;
    const totalMinor = await this.priceMissingLines(tx, order);
    await this.transitions.move(tx, order, check.to, 'hold released: every line is priced now', cause, { totalMinor });
    return 'released';
  }

  private async pricingProblems(tx: Prisma.TransactionClient, order: FullOrder): Promise<string | null> {
    const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
    const pricing = priceLines(unpriced, await productsById(tx, unpriced.map((line) => line.productId)), order.currency, { allowRetired: true });
    return pricing.problems.length > 0 ? pricing.problems.map((p) => p.message).join('; ') : null;
  }

  /** Prices lines left unpriced at creation; the new total, or 409 naming what is still missing. */
  private async priceMissingLines(tx: Prisma.TransactionClient, order: FullOrder): Promise<number> {
    const unpriced = order.lines.filter((line) => line.unitPriceMinor === null);
    if (unpriced.length === 0) return minorAmount(order.totalMinor);
    const products = await productsById(tx, unpriced.map((line) => line.productId));
    const pricing = priceLines(unpriced, products, order.currency, { allowRetired: true });
    if (pricing.problems.length > 0) {
      throw conflict(`cannot release the hold: ${pricing.problems.map((p) => p.message).join('; ')}`);
    }
    for (const [i, line] of unpriced.entries()) {
      const priced = pricing.lines[i]!;
      await tx.orderLine.update({ where: { id: line.id }, data: { sku: priced.sku, unitPriceMinor: priced.unitPriceMinor, lineTotalMinor: priced.lineTotalMinor } });
    }
    return minorAmount(order.totalMinor) + pricing.totalMinor;
  }
}

function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}
