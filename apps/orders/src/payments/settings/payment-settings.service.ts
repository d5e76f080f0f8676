import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import type { DunningFinalAction } from '@oms/contracts';
import { PrismaService } from '../../database/prisma.service';
import type { Prisma } from '../../generated/prisma/client';

/** The payment_setting row holding these settings. */
export const PAYMENT_SETTINGS_KEY = 'payments';
const KEY = PAYMENT_SETTINGS_KEY;

export interface PaymentSettings {
  /** Channels whose orders need a stored card: without one an order is held for payment. Others pay on account until a card is stored. */
  requireCardChannels: string[];
  /** Largest refund (minor units, any currency) a `csr` may give; above it only `admin`. */
  csrRefundLimitMinor: number;
  /** Retry days after a subscription cycle's first failed authorization, counted in the subscription's time zone. */
  dunningRetryDays: number[];
  /** What applies after the last retry fails: pause the subscription, cancel it, or skip this cycle. */
  dunningFinalAction: DunningFinalAction;
  updatedAt: string | null;
}

export type PaymentSettingsChange = Partial<Omit<PaymentSettings, 'updatedAt'>>;

export const DEFAULT_PAYMENT_SETTINGS: Omit<PaymentSettings, 'updatedAt'> = Object.freeze({
  requireCardChannels: [], csrRefundLimitMinor: 10000, dunningRetryDays: [1, 3, 7], dunningFinalAction: 'pause',
});

/** The settings as stored (the payment_setting row's value and time; null when never set), defaults filled in. */
export function paymentSettingsOf(value: unknown, updatedAt: Date | null): PaymentSettings {
  const stored = (value ?? {}) as Partial<PaymentSettings>;
  return { ...DEFAULT_PAYMENT_SETTINGS, ...stored, updatedAt: updatedAt?.toISOString() ?? null };
}

/** Runtime payment settings in the orders database, with a change log naming who set what. */
@Injectable()
export class PaymentSettingsService {
  constructor(private readonly prisma: PrismaService) {}

  /** With `tx`, read inside the caller's transaction. */
  async get(tx: Prisma.TransactionClient = this.prisma): Promise<PaymentSettings> {
    const row = await tx.paymentSetting.findUnique({ where: { key: KEY } });
    return paymentSettingsOf(row?.value ?? null, row?.updatedAt ?? null);
  }

  /** Stores the settings and a change-log row naming who set them, in one transaction. */
  async set(change: PaymentSettingsChange, actor: Actor, at: Date): Promise<PaymentSettings> {
    await this.prisma.$transaction(async (tx) => {
      const current = await this.get(tx);
      const value = {
        requireCardChannels: current.requireCardChannels, csrRefundLimitMinor: current.csrRefundLimitMinor, dunningRetryDays: current.dunningRetryDays,
        dunningFinalAction: current.dunningFinalAction, ...change,
      } as unknown as Prisma.InputJsonValue;
      await tx.paymentSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
      await tx.paymentSettingChange.create({ data: { value, actorSub: actor.sub, actorRole: actor.role, at } });
    });
    return this.get();
  }

  /** The change log, newest first. */
  async changes() {
    const rows = await this.prisma.paymentSettingChange.findMany({ orderBy: { id: 'desc' }, take: 100 });
    return rows.map((r) => ({ value: r.value, actor: { sub: r.actorSub, role: r.actorRole }, at: r.at.toISOString() }));
  }
}
