import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { fieldConflict } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { HoldSpec } from './holds/hold-rows';
import type { Cause } from './status/order-events';
import { OrderHolds } from './status/order-holds.service';
import { OrderTransitions } from './status/order-transitions.service';

/** Status changes people ask for over HTTP, each in its own transaction (409 when the machine forbids it). */
@Injectable()
export class OrderCommandsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transitions: OrderTransitions,
    private readonly holds: OrderHolds,
  ) {}

  /** Places a typed hold (the order moves to on-hold, or the hold joins those already open). */
  async hold(orderId: string, spec: HoldSpec, actor: Actor, correlationId: string | undefined): Promise<void> {
    await this.prisma.$transaction((tx) => this.holds.place(tx, orderId, spec, cause(actor, correlationId)));
  }

  /** Clears one hold; the order is released once no hold is open. */
  async clearHold(orderId: string, holdId: string, reason: string, actor: Actor, correlationId: string | undefined): Promise<void> {
    await this.prisma.$transaction((tx) => this.holds.clear(tx, orderId, holdId, reason, cause(actor, correlationId)));
  }

  async releaseHold(orderId: string, actor: Actor, correlationId: string | undefined): Promise<void> {
    await this.prisma.$transaction((tx) => this.holds.releaseHold(tx, orderId, cause(actor, correlationId)));
  }

  async cancel(orderId: string, reason: string | undefined, actor: Actor, correlationId: string | undefined): Promise<void> {
    await this.prisma.$transaction((tx) => this.transitions.change(tx, orderId, 'cancelled', reason ?? null, cause(actor, correlationId)));
  }

  /** A rental order closes only once every unit it held is back and its delivery Closed. */
  async close(orderId: string, actor: Actor, correlationId: string | undefined): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const rental = await tx.orderLine.findFirst({ where: { orderId, kind: 'rental' }, select: { id: true } });
      if (rental) {
        const order = await this.transitions.lock(tx, orderId);
        if (order && order.rentalReturnsClosed !== true) {
          throw fieldConflict('status', `rental order ${order.orderNumber} cannot be closed until every unit is back and its delivery is Closed`);
        }
      }
      await this.transitions.change(tx, orderId, 'closed', null, cause(actor, correlationId));
    });
  }
}

function cause(actor: Actor, correlationId: string | undefined): Cause {
  return { correlationId, actor };
}
