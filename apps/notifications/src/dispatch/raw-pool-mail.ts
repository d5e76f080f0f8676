import MimeNode from 'nodemailer/lib/mime-node';

/** The envelope of one email: who the SMTP server is told it is from and to (MAIL FROM, RCPT TO). */
export interface SmtpEnvelope {
  from: string;
  to: string[];
}

/** What nodemailer's SMTP pool reads of a mail it sends. */
export interface RawPoolMail {
  data: Record<string, never>;
  message: {
    getEnvelope(): SmtpEnvelope;
    messageId(): string;
    getHeader(name: string): string | undefined;
    createReadStream(): string;
  };
}

/**
 * One already built MIME message in the shape nodemailer's SMTP pool takes from its Mailer (the transport API's
 * `send(mail, callback)`, whose `mail.message` is a MimeNode): the pool reads only the envelope, the Message-ID
 * and the content, and `data` for DSN and REQUIRETLS options, which are not used here.
 * Handing the pool this instead of calling `sendMail` with `raw` skips what the Mailer does first for every
 * message: a MailComposer and a MimeNode tree around the raw text, with a random Message-ID and boundary of their
 * own that a raw message never uses (5% of the notifications service's CPU in bench:pipeline's profile, a third of
 * it in `randomBytes`), and a stream to carry the text, where the SMTP connection writes a string as it is.
 */
export function rawPoolMail(envelope: SmtpEnvelope, messageId: string, raw: string): RawPoolMail {
  return {
    data: {},
    message: {
      getEnvelope: () => ({ from: envelope.from, to: [...envelope.to] }),
      messageId: () => messageId,
      getHeader: (name: string) => (name.toLowerCase() === 'message-id' ? messageId : undefined),
      // The pool calls this again when it re-queues a message after a connection failed before sending it.
      createReadStream: () => raw,
    },
  };
}

/** Kept only for nodemailer's envelope rules; setEnvelope replaces what it held, so one node serves every send. */
const envelopeRules = new MimeNode();

/**
 * Envelopes as nodemailer's `sendMail` made them from the addresses given: parsed, stripped of control characters
 * and angle brackets, the domain in ASCII (punycode) when the local part is ASCII (`ann@jõgeva.ee` is sent as
 * `ann@xn--jgeva-dua.ee` to a server that may not take UTF-8 in MAIL FROM and RCPT TO). The sender is the same for
 * every email, so it is worked out once; the returned function works out each recipient.
 */
export function smtpEnvelopes(from: string): (to: string) => SmtpEnvelope {
  const sender = envelopeRules.setEnvelope({ from }).getEnvelope().from || '';
  return (to) => ({ from: sender, to: envelopeRules.setEnvelope({ to }).getEnvelope().to });
}
