import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldRejected, notFound, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../../database/prisma.service';
import type { PaymentMethod, Prisma } from '../../generated/prisma/client';
import type { AddPaymentMethodRequest } from './payment-method.request';

/** A stored card as the API shows it: never the token's secret parts, never a number beyond the last four digits. */
export function toPaymentMethodResponse(method: PaymentMethod) {
  return {
    paymentMethodId: method.id, customerId: method.customerId, brand: method.brand, last4: method.last4,
    expiryMonth: method.expiryMonth, expiryYear: method.expiryYear, label: cardLabel(method),
    createdBy: { sub: method.createdBySub, role: method.createdByRole }, createdAt: method.createdAt.toISOString(),
  };
}

/** "Visa ending 4242", for emails and payment rows. */
export function cardLabel(method: Pick<PaymentMethod, 'brand' | 'last4'>): string {
  return `${method.brand.charAt(0).toUpperCase()}${method.brand.slice(1)} ending ${method.last4}`;
}

/** Customers' stored cards. The newest active one pays the customer's orders. */
@Injectable()
export class PaymentMethodsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 422 naming expiryYear/expiryMonth for a card that has expired (in UTC). */
  async add(customerId: string, request: AddPaymentMethodRequest, actor: Actor): Promise<PaymentMethod> {
    const now = this.clock.now();
    const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
    if (request.expiryYear * 12 + (request.expiryMonth - 1) < thisMonth) {
      throw fieldRejected(request.expiryYear < now.getUTCFullYear() ? 'expiryYear' : 'expiryMonth', 'the card has expired');
    }
    return this.prisma.paymentMethod.create({
      data: { id: randomUUID(), customerId, ...request, createdBySub: actor.sub, createdByRole: actor.role, createdAt: now },
    });
  }

  list(customerId: string): Promise<PaymentMethod[]> {
    return this.prisma.paymentMethod.findMany({ where: { customerId, deletedAt: null }, orderBy: { seq: 'desc' } });
  }

  /** The card that pays the customer's orders: their newest active one; null pays on account. */
  current(tx: Prisma.TransactionClient, customerId: string): Promise<PaymentMethod | null> {
    return tx.paymentMethod.findFirst({ where: { customerId, deletedAt: null }, orderBy: { seq: 'desc' } });
  }

  /** Removes the card from use (the row stays: payments name it). */
  async remove(customerId: string, paymentMethodId: string): Promise<void> {
    const removed = await this.prisma.paymentMethod.updateMany({ where: { id: paymentMethodId, customerId, deletedAt: null }, data: { deletedAt: this.clock.now() } });
    if (removed.count === 0) throw notFound('payment method', paymentMethodId);
  }
}
