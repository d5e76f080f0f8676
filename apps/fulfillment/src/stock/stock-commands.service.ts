import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { fieldConflict, fieldRejected } from '@oms/service-runtime';
import { BackorderRetryService } from '../backorders/backorder-retry.service';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { WarehousesService } from '../warehouses/warehouses.service';
import type { StockResponse } from './stock.mapper';
import { StockQueriesService } from './stock-queries.service';

interface OnHandChange {
  kind: 'set' | 'adjustment';
  /** New on hand, from the current one. */
  target: (onHand: number) => number;
  field: 'onHand' | 'delta';
  reason: string | null;
}

/** Who asked for a stock change, and the request's correlation id. */
interface Requested {
  actor: Actor;
  correlationId?: string;
}

/**
 * Stock counts and adjustments. Each locks its one stock row, refuses to go
 * below what is reserved (409) or below zero (422), and records the movement.
 * When on hand went up, the SKU's pending backorders are retried after the
 * commit, oldest first, so the response already shows what they took.
 */
@Injectable()
export class StockCommandsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly warehouses: WarehousesService,
    private readonly queries: StockQueriesService,
    private readonly backorders: BackorderRetryService,
  ) {}

  async set(code: string, sku: string, onHand: number, by: Requested): Promise<StockResponse> {
    return this.change(code, sku, { kind: 'set', target: () => onHand, field: 'onHand', reason: 'stock count' }, by);
  }

  async adjust(code: string, sku: string, delta: number, reason: string, by: Requested): Promise<StockResponse> {
    return this.change(code, sku, { kind: 'adjustment', target: (current) => current + delta, field: 'delta', reason }, by);
  }

  private async change(code: string, sku: string, change: OnHandChange, by: Requested): Promise<StockResponse> {
    const warehouse = await this.warehouses.byCode(code);
    const delta = await this.prisma.$transaction((tx) => this.write(tx, warehouse.id, sku, change, by), { timeout: 15000, maxWait: 5000 });
    if (delta > 0) await this.backorders.retryForSkus([sku]);
    return this.queries.one(warehouse.id, sku);
  }

  private async write(tx: Prisma.TransactionClient, warehouseId: string, sku: string, change: OnHandChange, by: Requested): Promise<number> {
    // The row may not exist yet: create it empty, then lock it like any other.
    await tx.$executeRaw`INSERT INTO stock (warehouse_id, sku, on_hand) VALUES (${warehouseId}::uuid, ${sku}, 0) ON CONFLICT DO NOTHING`;
    const [row] = await tx.$queryRaw<{ onHand: number; reserved: number }[]>`
      SELECT on_hand AS "onHand", reserved FROM stock WHERE warehouse_id = ${warehouseId}::uuid AND sku = ${sku} FOR UPDATE`;
    const target = change.target(row!.onHand);
    if (target < 0) throw fieldRejected(change.field, `on hand of ${sku} would become ${target}`);
    if (target < row!.reserved) {
      throw fieldConflict(change.field, `on hand of ${sku} cannot go below the ${row!.reserved} unit(s) reserved for orders (requested ${target})`);
    }
    const delta = target - row!.onHand;
    if (delta === 0) return 0;
    await tx.$executeRaw`UPDATE stock SET on_hand = ${target}, updated_at = now() WHERE warehouse_id = ${warehouseId}::uuid AND sku = ${sku}`;
    await tx.stockMovement.create({
      data: { warehouseId, sku, kind: change.kind, delta, onHandAfter: target, reason: change.reason, correlationId: by.correlationId ?? null,
        actorSub: by.actor.sub, actorRole: by.actor.role,
      },
    });
    return delta;
  }
}
