import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { paginate, type Page, type PageQuery } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { DEFAULT_FRAUD_RULES, type FraudRules } from './fraud-rules';

const KEY = 'fraud-rules';

export type FraudRulesView = FraudRules & { updatedAt: string | null };

/** The fraud rules in the service's own database, and their change log (who set what, when). */
@Injectable()
export class FraudRulesSettings {
  constructor(private readonly prisma: PrismaService) {}

  /** With `tx`, read inside the caller's transaction (an order being placed). */
  async get(tx: Prisma.TransactionClient = this.prisma): Promise<FraudRulesView> {
    const row = await tx.fraudRuleSetting.findUnique({ where: { key: KEY } });
    return { ...((row?.value as unknown as FraudRules | undefined) ?? DEFAULT_FRAUD_RULES), updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  /** Replaces the rules (a rule left out is off) and logs the change naming who made it, in one transaction. */
  async set(rules: FraudRules, actor: Actor): Promise<FraudRulesView> {
    const value = JSON.parse(JSON.stringify(rules)) as Prisma.InputJsonValue;
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.fraudRuleSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
      await tx.fraudRuleSettingChange.create({ data: { value, actorSub: actor.sub, actorRole: actor.role, at: row.updatedAt } });
    });
    return this.get();
  }

  /** Newest change first. */
  changes(query: PageQuery): Promise<Page<{ rules: unknown; actor: { sub: string; role: string }; at: string }>> {
    return paginate(query, {
      rows: (window) => this.prisma.fraudRuleSettingChange.findMany({ orderBy: { id: 'desc' }, ...window }),
      count: () => this.prisma.fraudRuleSettingChange.count(),
    }, (row) => ({ rules: row.value, actor: { sub: row.actorSub, role: row.actorRole }, at: row.at.toISOString() }));
  }
}
