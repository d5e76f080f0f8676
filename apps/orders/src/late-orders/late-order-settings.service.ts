import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldRejected, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { DEFAULT_LATE_THRESHOLD, ruleScope, type LateOrderSettings, type LateThreshold } from './late-thresholds';

const KEY = 'late-orders';

export type LateOrderSettingsView = LateOrderSettings & { updatedAt: string | null };

/**
 * The late-order thresholds, stored in the service's own database (defaults
 * until someone sets them); each PUT is kept with who made it.
 */
@Injectable()
export class LateOrderSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(tx: Prisma.TransactionClient = this.prisma): Promise<LateOrderSettingsView> {
    const row = await tx.orderSetting.findUnique({ where: { key: KEY } });
    const stored = (row?.value ?? {}) as Partial<LateOrderSettings>;
    return { defaults: stored.defaults ?? { ...DEFAULT_LATE_THRESHOLD }, rules: stored.rules ?? [], updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  /** 422 naming the field: a cancel threshold not after its notice threshold, a rule naming neither channel nor mode, a repeated or unknown-mode rule. */
  async set(change: Partial<LateOrderSettings>, actor: Actor): Promise<LateOrderSettingsView> {
    const at = this.clock.now();
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('order_setting:late-orders'))`;
      const current = await this.get(tx);
      const next: LateOrderSettings = { defaults: change.defaults ?? current.defaults, rules: change.rules ?? current.rules };
      await this.check(tx, next);
      const stored: LateOrderSettings = {
        defaults: plain(next.defaults),
        rules: next.rules.map((r) => ({ ...(r.channel !== undefined && { channel: r.channel }), ...(r.deliveryMode !== undefined && { deliveryMode: r.deliveryMode }), ...plain(r) })),
      };
      const value = stored as unknown as Prisma.InputJsonObject;
      await tx.orderSetting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedAt: at }, update: { value, updatedAt: at } });
      await tx.orderSettingChange.create({ data: { key: KEY, value, actorSub: actor.sub, actorRole: actor.role, at } });
    });
    return this.get();
  }

  private async check(tx: Prisma.TransactionClient, settings: LateOrderSettings): Promise<void> {
    checkOrder(settings.defaults, 'defaults');
    const seen = new Set<string>();
    const modes = new Set((await tx.deliveryMode.findMany({ select: { code: true } })).map((m) => m.code));
    settings.rules.forEach((rule, i) => {
      if (rule.channel === undefined && rule.deliveryMode === undefined) throw fieldRejected(`rules.${i}`, 'a rule names a channel, a deliveryMode or both');
      if (rule.deliveryMode !== undefined && !modes.has(rule.deliveryMode)) throw fieldRejected(`rules.${i}.deliveryMode`, `delivery mode ${rule.deliveryMode} does not exist`);
      if (seen.has(ruleScope(rule))) throw fieldRejected(`rules.${i}`, `another rule has the same channel and deliveryMode (${ruleScope(rule)})`);
      seen.add(ruleScope(rule));
      checkOrder(rule, `rules.${i}`);
    });
  }
}

function checkOrder(threshold: LateThreshold, path: string): void {
  if (threshold.cancelAfterMinutes <= threshold.noticeAfterMinutes) {
    throw fieldRejected(`${path}.cancelAfterMinutes`, 'cancelAfterMinutes must be more than noticeAfterMinutes (the customer is told before the order is cancelled)');
  }
}

const plain = (t: LateThreshold): LateThreshold => ({ noticeAfterMinutes: t.noticeAfterMinutes, cancelAfterMinutes: t.cancelAfterMinutes });
