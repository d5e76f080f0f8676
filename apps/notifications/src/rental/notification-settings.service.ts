import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from '@oms/auth';
import type { ShipmentStatus } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

const KEY = 'notifications';

/** Who a status reminder goes to. */
export const REMINDER_RECIPIENTS = ['customer', 'store-manager'] as const;
export type ReminderRecipient = (typeof REMINDER_RECIPIENTS)[number];

/** A delivery that stays in `status` for `afterDays` days gets one reminder to `to`. */
export interface StatusReminderRule {
  status: ShipmentStatus;
  afterDays: number;
  to: ReminderRecipient;
}

export interface NotificationSettings {
  /** Copy of every rental notice and out-of-stock notice; null: customers only. */
  storeManagerEmail: string | null;
  /** Operations: told of every fraud hold; null: the notice is recorded as skipped. */
  opsEmail: string | null;
  /** The check-in email goes out on day N of a rental subscription (its start date plus N days). */
  checkInDay: number;
  statusReminders: StatusReminderRule[];
  updatedAt: string | null;
}

export type NotificationSettingsChange = Partial<Omit<NotificationSettings, 'updatedAt'>>;

export const DEFAULT_CHECK_IN_DAY = 10;

/** ShareFox's examples: an end request open two weeks with no return, a return not checked after three days. */
export const DEFAULT_STATUS_REMINDERS: readonly StatusReminderRule[] = [
  { status: 'subscription-end-request', afterDays: 14, to: 'customer' },
  { status: 'returned', afterDays: 3, to: 'store-manager' },
];

/** A rule's identity: a changed rule is a new rule, and fires again for deliveries already reminded by the old one. */
export const ruleKey = (rule: StatusReminderRule): string => `${rule.status}:${rule.afterDays}:${rule.to}`;

/**
 * Runtime notification settings, stored in the service's own database;
 * `STORE_MANAGER_EMAIL` is the store manager's address until someone sets one,
 * `OPS_EMAIL` operations' address likewise.
 */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: ConfigService,
  ) {}

  /**
   * Settings already read in a transaction: a consumer's batch reads them once, not once per event (every order
   * event needs them). Keyed by the transaction client, so they never outlive it: a change is seen by the next batch.
   */
  private readonly readInTransaction = new WeakMap<SqlClient, Promise<NotificationSettings>>();

  /** With `tx`, read inside the caller's transaction (a consumer's batch), once per transaction. */
  get(tx?: SqlClient): Promise<NotificationSettings> {
    if (!tx) return this.read(this.prisma);
    let settings = this.readInTransaction.get(tx);
    if (!settings) {
      settings = this.read(tx);
      this.readInTransaction.set(tx, settings);
      // A failed read is not kept: the next event (after a rolled-back savepoint) reads again.
      settings.catch(() => this.readInTransaction.delete(tx));
    }
    return settings;
  }

  /** SQL, not Prisma's findUnique: every order consumer batch reads them, and its transaction may be on pg. */
  private async read(db: SqlClient): Promise<NotificationSettings> {
    const [row] = await db.$queryRaw<Array<{ value: Partial<NotificationSettings> | null; updatedAt: Date }>>`
      SELECT value, updated_at AS "updatedAt" FROM setting WHERE key = ${KEY}`;
    const stored = row?.value ?? {};
    return {
      storeManagerEmail: stored.storeManagerEmail ?? this.config.get<string>('STORE_MANAGER_EMAIL') ?? null,
      opsEmail: stored.opsEmail ?? this.config.get<string>('OPS_EMAIL') ?? null,
      checkInDay: stored.checkInDay ?? DEFAULT_CHECK_IN_DAY,
      statusReminders: stored.statusReminders ?? [...DEFAULT_STATUS_REMINDERS],
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  /** Stores the settings and an audit row naming who set them, in one transaction. */
  async set(change: NotificationSettingsChange, actor: Actor): Promise<NotificationSettings> {
    const current = await this.get();
    const value = {
      storeManagerEmail: current.storeManagerEmail, opsEmail: current.opsEmail, checkInDay: current.checkInDay, statusReminders: current.statusReminders, ...change,
    } as unknown as Prisma.InputJsonValue;
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.notificationSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
      await tx.notificationSettingChange.create({ data: { key: KEY, value, actorSub: actor.sub, actorRole: actor.role, at: row.updatedAt } });
    });
    return this.get();
  }
}
