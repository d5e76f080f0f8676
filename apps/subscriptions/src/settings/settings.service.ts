import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from '@oms/auth';
import { PrismaService } from '../database/prisma.service';
import { writeSetting } from './setting.writer';

const SUBSCRIPTION_ORDERS = 'subscription-orders-enabled';

/** The "Subscription orders" switch (Dynamics 365 IOM): while off, no subscription is created and the job does nothing. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: ConfigService,
  ) {}

  async subscriptionOrders(): Promise<{ enabled: boolean; updatedAt: string | null }> {
    const row = await this.prisma.setting.findUnique({ where: { key: SUBSCRIPTION_ORDERS } });
    if (!row) return { enabled: this.config.getOrThrow<boolean>('SUBSCRIPTION_ORDERS_ENABLED'), updatedAt: null };
    return { enabled: row.value === true, updatedAt: row.updatedAt.toISOString() };
  }

  async setSubscriptionOrders(enabled: boolean, actor: Actor): Promise<{ enabled: boolean; updatedAt: string }> {
    const row = await writeSetting(this.prisma, SUBSCRIPTION_ORDERS, enabled, actor);
    return { enabled, updatedAt: row.updatedAt.toISOString() };
  }
}
