import { BaseEnvironment } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** The notifications service's variables. */
export class NotificationsEnvironment extends BaseEnvironment {
  /** Where mail goes: smtp://[user:pass@]host:port (smtps:// for implicit TLS). The local mail sink listens on 2525. */
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL: string = 'smtp://127.0.0.1:2525';

  /** SMTP connections kept open and used side by side (nodemailer's pool). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_MAX_CONNECTIONS: number = 3;

  /** Messages handed to the SMTP server per second at most (a provider's sending limit); 0: as fast as it accepts them. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SMTP_MAX_MESSAGES_PER_SECOND: number = 0;

  /** The From header of every email, e.g. 'Subscriptions <no-reply@oms.local>'. */
  @IsString()
  @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'MAIL_FROM must be an address or "Name <address>"' })
  MAIL_FROM: string = 'Subscriptions <no-reply@oms.local>';

  /** Copy of every out-of-stock notice; unset: customers only. */
  @IsOptional()
  @IsEmail({}, { message: 'STORE_MANAGER_EMAIL must be an email address' })
  STORE_MANAGER_EMAIL?: string;

  /** Operations' address for fraud hold notices until PUT /settings/notifications sets one; unset: recorded as skipped. */
  @IsOptional()
  @IsEmail({}, { message: 'OPS_EMAIL must be an email address' })
  OPS_EMAIL?: string;

  /** A renewal reminder goes out this many days before a cycle is due (at least one: on the day itself it is too late to change anything). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REMINDER_DAYS_BEFORE: number = 3;

  /** Sends tried per message before it is marked failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  MAX_SEND_ATTEMPTS: number = 5;

  /** Wait after the first failed send; doubled after each further failure. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETRY_BASE_DELAY_MS: number = 1000;

  /** How often the dispatcher looks for due reminders and messages; 0 turns it off (tests drive it by hand). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DISPATCH_INTERVAL_MS: number = 500;
}
