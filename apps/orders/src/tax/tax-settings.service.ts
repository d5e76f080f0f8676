import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

const KEY = 'tax';

export interface TaxSettings {
  /** Currencies whose prices include tax; all others are tax-exclusive. */
  taxInclusiveCurrencies: string[];
  updatedAt: string | null;
}

/** Whether prices are tax-inclusive per currency (exclusive unless listed), in order_setting; each PUT kept with its actor. */
@Injectable()
export class TaxSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(tx: Prisma.TransactionClient = this.prisma): Promise<TaxSettings> {
    const row = await tx.orderSetting.findUnique({ where: { key: KEY } });
    const stored = (row?.value ?? {}) as Partial<TaxSettings>;
    return { taxInclusiveCurrencies: stored.taxInclusiveCurrencies ?? [], updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  async pricesIncludeTax(tx: Prisma.TransactionClient, currency: string): Promise<boolean> {
    return (await this.get(tx)).taxInclusiveCurrencies.includes(currency);
  }

  async set(change: { taxInclusiveCurrencies: string[] }, actor: Actor): Promise<TaxSettings> {
    const at = this.clock.now();
    const value = { taxInclusiveCurrencies: [...change.taxInclusiveCurrencies].sort() } as Prisma.InputJsonObject;
    await this.prisma.$transaction(async (tx) => {
      await tx.orderSetting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedAt: at }, update: { value, updatedAt: at } });
      await tx.orderSettingChange.create({ data: { key: KEY, value, actorSub: actor.sub, actorRole: actor.role, at } });
    });
    return this.get();
  }
}
