import { randomBytes } from 'node:crypto';
// A namespace, not named imports: mime-funcs' functions call each other through `this`.
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';

/** One email as the dispatcher sends it: a text and an HTML alternative, and its headers. */
export interface MimeMail {
  /** The From header, already encoded (see {@link headerText}). */
  from: string;
  to: string;
  subject: string;
  /** `<id@domain>` */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
  text: string;
  html: string;
}

/**
 * The email as one MIME message (multipart/alternative, both parts UTF-8 quoted-printable), built in
 * one pass over strings: nodemailer's composer built a node tree and a stream per part for every
 * message, a third of the dispatcher's CPU per email in bench:pipeline's profile. Lines end in CRLF;
 * nodemailer's SMTP data stream still turns the bodies' own line breaks into CRLF and escapes dots.
 */
export function mimeMessage(mail: MimeMail): string {
  const boundary = `--_oms_${randomBytes(8).toString('hex')}`;
  const headers = [
    `From: ${mail.from}`,
    `To: ${oneLine(mail.to)}`,
    mimeFuncs.foldLines(`Subject: ${headerText(mail.subject)}`, 76),
    `Message-ID: ${mail.messageId}`,
    `Date: ${mail.date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    ...Object.entries(mail.headers).map(([name, value]) => `${name}: ${headerText(value)}`),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return [
    ...headers, '',
    `--${boundary}`, ...part('text/plain', mail.text),
    `--${boundary}`, ...part('text/html', mail.html),
    `--${boundary}--`, '',
  ].join('\r\n');
}

/** A header value on one line (a line break in a value would end the header), as RFC 2047 encoded words unless plain ASCII. */
export function headerText(value: string): string {
  const line = oneLine(value);
  return mimeFuncs.isPlainText(line) ? line : mimeFuncs.encodeWords(line, 'Q', 52);
}

/** `Name <address>` for a From header: the name as is when it is only atext and spaces, quoted when it is other ASCII, else encoded words. */
export function mailbox(name: string | undefined, address: string): string {
  if (!name) return address;
  const display = /^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(name) ? name
    : mimeFuncs.isPlainText(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : headerText(name);
  return `${display} <${address}>`;
}

const oneLine = (value: string) => value.replace(/\r?\n|\r/g, ' ');

function part(type: string, content: string): string[] {
  return [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    wrapQuotedPrintable(encodeQuotedPrintable(content), 76),
  ];
}
