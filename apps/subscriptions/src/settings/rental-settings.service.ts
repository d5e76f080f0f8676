import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from '@oms/auth';
import { PrismaService } from '../database/prisma.service';
import { writeSetting } from './setting.writer';

const RENTAL = 'rental';

/** When a rental's monthly fees stop after an end request: at the request itself, or when the unit is back (Closed). */
export const FEES_STOP_AT = ['request', 'return'] as const;
export type FeesStopAt = (typeof FEES_STOP_AT)[number];

export interface RentalSettings {
  /** Days from a rental subscription's start to its assumed return date (ShareFox: 365; 3 or 5 years are common). */
  defaultAssumedReturnDays: number;
  feesStopAt: FeesStopAt;
  updatedAt: string | null;
}

/** Runtime rental settings; `RENTAL_DEFAULT_END_DAYS` is the initial assumed-return period until someone sets one. */
@Injectable()
export class RentalSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: ConfigService,
  ) {}

  async get(): Promise<RentalSettings> {
    const row = await this.prisma.setting.findUnique({ where: { key: RENTAL } });
    const stored = (row?.value ?? {}) as Partial<RentalSettings>;
    return {
      defaultAssumedReturnDays: stored.defaultAssumedReturnDays ?? this.config.getOrThrow<number>('RENTAL_DEFAULT_END_DAYS'),
      feesStopAt: stored.feesStopAt ?? 'return',
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  async set(change: Partial<Omit<RentalSettings, 'updatedAt'>>, actor: Actor): Promise<RentalSettings> {
    const current = await this.get();
    const value = { defaultAssumedReturnDays: current.defaultAssumedReturnDays, feesStopAt: current.feesStopAt, ...change };
    await writeSetting(this.prisma, RENTAL, value, actor);
    return this.get();
  }
}
