import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { mailbox, mimeMessage } from './mime-message';
import { noDelaySocket } from './no-delay-socket';

/** What the dispatcher hands over for one email. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/**
 * SMTP through nodemailer, pooled (SMTP_MAX_CONNECTIONS reused across messages,
 * SMTP_MAX_MESSAGES_PER_SECOND for providers that limit the sending rate).
 * Timeouts are short so a hung mail server fails a send, which is retried,
 * instead of stalling the dispatcher.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;
  private readonly from: string;
  /** MAIL_FROM as a From header and as the envelope's sender, worked out once. */
  private readonly fromHeader: string;
  private readonly sender: string;

  constructor(config: ConfigService) {
    this.from = config.getOrThrow<string>('MAIL_FROM');
    const [from] = addressparser(this.from, { flatten: true });
    this.sender = from?.address ?? this.from;
    this.fromHeader = mailbox(from?.name, this.sender);
    this.transport = createTransport(smtpOptions(config.getOrThrow<string>('SMTP_URL'), {
      maxConnections: config.getOrThrow<number>('SMTP_MAX_CONNECTIONS'),
      messagesPerSecond: config.getOrThrow<number>('SMTP_MAX_MESSAGES_PER_SECOND'),
    }));
  }

  /** Resolves once the server accepted the message; rejects with the server's or the network's error. */
  async send(mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
    const raw = mimeMessage({ ...mail, from: this.fromHeader, date: new Date() });
    const info = await this.transport.sendMail({ envelope: { from: this.sender, to: [mail.to] }, raw });
    return { messageId: mail.messageId, response: info.response };
  }

  /** The domain of MAIL_FROM, for Message-ID headers. */
  senderDomain(): string {
    return /@([^>\s]+)>?\s*$/.exec(this.from)?.[1] ?? 'localhost';
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** nodemailer ignores extra options next to a URL, so the URL is taken apart here. */
export function smtpOptions(smtpUrl: string, pool: { maxConnections: number; messagesPerSecond: number }): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const connectionTimeout = 10_000;
  return {
    pool: true,
    maxConnections: pool.maxConnections,
    // nodemailer's rate limit: at most rateLimit messages per rateDelta milliseconds, across the pool.
    ...(pool.messagesPerSecond > 0 && { rateLimit: pool.messagesPerSecond, rateDelta: 1000 }),
    host: url.hostname,
    ...(url.port && { port: Number(url.port) }),
    secure,
    ...(url.username && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    // nodemailer's default ports: 465 for smtps, 587 otherwise.
    getSocket: noDelaySocket(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || (secure ? 465 : 587)), connectionTimeout),
    connectionTimeout,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}
