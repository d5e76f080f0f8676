import type { Actor } from '@oms/auth';
import type { PrismaService } from '../database/prisma.service';
import type { Prisma, Setting } from '../generated/prisma/client';

/**
 * Writes one setting and its audit row (who set what, when) in one
 * transaction, so "who turned subscription orders off" can always be answered.
 */
export async function writeSetting(prisma: PrismaService, key: string, value: Prisma.InputJsonValue, actor: Actor): Promise<Setting> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await tx.settingChange.create({ data: { key, value, actorSub: actor.sub, actorRole: actor.role, at: row.updatedAt } });
    return row;
  });
}
