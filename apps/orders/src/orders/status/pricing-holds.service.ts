import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import type { Cause } from './order-events';
import { OrderHolds } from './order-holds.service';

/**
 * Releases orders held only because a product or its price had not reached
 * the catalog read model yet. Two topics carry no order between them, so a due
 * event can overtake its product's event; once the product (or a new price)
 * arrives, every order still on hold with an unpriced line of that product is
 * priced and released, in the read model's transaction. An order born on hold
 * for pricing is the only kind with unpriced lines (release prices them), so
 * the lines themselves say why it is held, no prose to parse.
 */
@Injectable()
export class PricingHolds {
  private readonly logger = new Logger(PricingHolds.name);

  constructor(private readonly holds: OrderHolds) {}

  async releaseWaitingFor(tx: Prisma.TransactionClient, productId: string, cause: Cause): Promise<number> {
    const waiting = await tx.salesOrder.findMany({
      where: { status: 'on-hold', lines: { some: { productId, unitPriceMinor: null } } },
      select: { id: true, orderNumber: true },
      orderBy: { createdAt: 'asc' },
    });
    let released = 0;
    for (const order of waiting) {
      const outcome = await this.holds.releasePricingHold(tx, order.id, cause);
      if (outcome === 'released') released += 1;
      else this.logger.log(`order ${order.orderNumber} stays on hold: ${outcome}`);
    }
    return released;
  }
}
