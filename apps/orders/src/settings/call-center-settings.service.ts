import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { paginate, type PageQuery } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

const KEY = 'call-center';

export interface ReasonCode {
  code: string;
  description: string;
}

/** How far a role may override: percent off the list price (prices, discounts) and percent off a charge. */
export interface OverrideLimit {
  role: string;
  maxPercentOffList: number;
  maxChargeReductionPercent: number;
}

export interface CallCenterSettings {
  /** A call-center order must name a source code. */
  sourceCodeRequired: boolean;
  /** A quote line whose margin is under this percent is flagged; placing it needs an override reason. */
  marginAlertPercent: number;
  /** The reasons an override may give. */
  reasonCodes: ReasonCode[];
  /** Roles not listed may not override at all. */
  overrideLimits: OverrideLimit[];
  updatedAt: string | null;
}

export type CallCenterSettingsChange = Partial<Omit<CallCenterSettings, 'updatedAt'>>;

export const DEFAULT_CALL_CENTER_SETTINGS: Readonly<Omit<CallCenterSettings, 'updatedAt'>> = {
  sourceCodeRequired: false,
  marginAlertPercent: 20,
  reasonCodes: [
    { code: 'PRICE-MATCH', description: "matches a competitor's price" },
    { code: 'GOODWILL', description: 'goodwill after a complaint or a late delivery' },
    { code: 'DAMAGED', description: 'damaged or incomplete goods or packaging' },
    { code: 'LOYALTY', description: 'long-standing customer' },
  ],
  overrideLimits: [
    { role: 'csr', maxPercentOffList: 15, maxChargeReductionPercent: 100 },
    { role: 'admin', maxPercentOffList: 100, maxChargeReductionPercent: 100 },
  ],
};

/**
 * The call-center desk's settings, stored in the orders database; every PUT
 * writes a change row naming who set what, in the same transaction.
 */
@Injectable()
export class CallCenterSettingsService {
  constructor(private readonly prisma: PrismaService) {}

  /** With `tx`, read inside the caller's transaction (placing an order). */
  async get(tx: Prisma.TransactionClient = this.prisma): Promise<CallCenterSettings> {
    const row = await tx.callCenterSetting.findUnique({ where: { key: KEY } });
    const stored = (row?.value ?? {}) as Partial<CallCenterSettings>;
    return { ...DEFAULT_CALL_CENTER_SETTINGS, ...stored, updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  async set(change: CallCenterSettingsChange, actor: Actor): Promise<CallCenterSettings> {
    await this.prisma.$transaction(async (tx) => {
      // Serializes concurrent PUTs: each merges into the value the one before it wrote.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`setting:${KEY}`}))`;
      const current = await this.get(tx);
      const { sourceCodeRequired, marginAlertPercent, reasonCodes, overrideLimits } = { ...current, ...change };
      const value = { sourceCodeRequired, marginAlertPercent, reasonCodes, overrideLimits } as unknown as Prisma.InputJsonValue;
      const row = await tx.callCenterSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
      await tx.callCenterSettingChange.create({ data: { key: KEY, value, actorSub: actor.sub, actorRole: actor.role, at: row.updatedAt } });
    });
    return this.get();
  }

  /** Every change, newest first. */
  changes(query: PageQuery) {
    const where = { key: KEY };
    return paginate(query, {
      rows: (window) => this.prisma.callCenterSettingChange.findMany({ where, orderBy: { id: 'desc' }, ...window }),
      count: () => this.prisma.callCenterSettingChange.count({ where }),
    }, (row) => ({ value: row.value, actor: { sub: row.actorSub, role: row.actorRole }, at: row.at.toISOString() }));
  }
}
