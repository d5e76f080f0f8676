import type { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import addressparser from 'nodemailer/lib/addressparser';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { mailbox, mimeMessage } from './mime-message';
import { noDelaySocket } from './no-delay-socket';
import { rawPoolMail, smtpEnvelopes, type RawPoolMail, type SmtpEnvelope } from './raw-pool-mail';

type PoolSend = (mail: RawPoolMail, callback: (error: Error | null, info: SMTPPool.SentMessageInfo) => void) => boolean;

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
 * SMTP through nodemailer's pool (SMTP_MAX_CONNECTIONS reused across messages,
 * SMTP_MAX_MESSAGES_PER_SECOND for providers that limit the sending rate), handed each message already built
 * (see {@link rawPoolMail}). Timeouts are short so a hung mail server fails a send, which is retried,
 * instead of stalling the dispatcher.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly pool: SMTPPool;
  /** The pool's send as nodemailer's transport API calls it (its types declare it void; see {@link send}). */
  private readonly poolSend: PoolSend;
  private readonly from: string;
  /** MAIL_FROM as a From header and as the envelope's sender, worked out once. */
  private readonly fromHeader: string;
  private readonly envelopeTo: (to: string) => SmtpEnvelope;

  constructor(config: ConfigService) {
    this.from = config.getOrThrow<string>('MAIL_FROM');
    const [from] = addressparser(this.from, { flatten: true });
    const sender = from?.address ?? this.from;
    this.fromHeader = mailbox(from?.name, sender);
    this.envelopeTo = smtpEnvelopes(sender);
    this.pool = new SMTPPool(smtpOptions(config.getOrThrow<string>('SMTP_URL'), {
      maxConnections: config.getOrThrow<number>('SMTP_MAX_CONNECTIONS'),
      messagesPerSecond: config.getOrThrow<number>('SMTP_MAX_MESSAGES_PER_SECOND'),
    }));
    this.poolSend = this.pool.send.bind(this.pool) as unknown as PoolSend;
    // The pool reports a failed send to its caller and, in nodemailer 8, emits no 'error' of its own. The Mailer this
    // replaces listened for one all the same; so does this, as an 'error' event with no listener would end the process.
    const logger = new Logger(MailTransport.name);
    (this.pool as EventEmitter).on('error', (error: Error) => logger.warn(`SMTP pool: ${error.message}`));
  }

  /** Resolves once the server accepted the message; rejects with the server's or the network's error. */
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
    const raw = mimeMessage({ ...mail, from: this.fromHeader, date: new Date() });
    return new Promise((resolve, reject) => {
      // The pool answers false, and never calls back, once it is closed.
      const queued = this.poolSend(rawPoolMail(this.envelopeTo(mail.to), mail.messageId, raw), (error, info) => {
        if (error) reject(error);
        else resolve({ messageId: mail.messageId, response: info.response });
      });
      if (!queued) reject(new Error('the SMTP pool is closed'));
    });
  }

  /** The domain of MAIL_FROM, for Message-ID headers. */
  senderDomain(): string {
    return /@([^>\s]+)>?\s*$/.exec(this.from)?.[1] ?? 'localhost';
  }

  onApplicationShutdown(): void {
    this.pool.close();
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
