import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

/** The order_setting row holding these settings. */
export const TAX_SETTINGS_KEY = 'tax';
const KEY = TAX_SETTINGS_KEY;

export interface TaxSettings {
  /** Currencies whose prices include tax; all others are tax-exclusive. */
  taxInclusiveCurrencies: string[];
  updatedAt: string | null;
}

/** The settings as stored (the order_setting row's value and time; null when never set). */
export function taxSettingsOf(value: unknown, updatedAt: Date | null): TaxSettings {
  const stored = (value ?? {}) as Partial<TaxSettings>;
  return { taxInclusiveCurrencies: stored.taxInclusiveCurrencies ?? [], updatedAt: updatedAt?.toISOString() ?? null };
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
    return taxSettingsOf(row?.value ?? null, row?.updatedAt ?? null);
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
