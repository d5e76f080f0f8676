import { rawPoolMail, smtpEnvelopes } from './raw-pool-mail';

describe('a built message as the SMTP pool reads it', () => {
  const raw = 'From: shop@example.com\r\nTo: ann@example.com\r\nSubject: Hi\r\n\r\nHello\r\n';
  const mail = rawPoolMail({ from: 'shop@example.com', to: ['ann@example.com'] }, '<m1@example.com>', raw);

  it('gives the envelope and the Message-ID the dispatcher chose, the header by any case of its name', () => {
    expect(mail.message.getEnvelope()).toEqual({ from: 'shop@example.com', to: ['ann@example.com'] });
    expect(mail.message.messageId()).toBe('<m1@example.com>');
    expect(mail.message.getHeader('Message-ID')).toBe('<m1@example.com>');
    expect(mail.message.getHeader('x-other')).toBeUndefined();
  });

  it('hands over the same text each time the pool asks, as it does again after a connection failed', () => {
    expect(mail.message.createReadStream()).toBe(raw);
    expect(mail.message.createReadStream()).toBe(raw);
  });

  it('gives each caller an envelope of its own: the pool adds DSN options to the one it gets', () => {
    const envelope = mail.message.getEnvelope() as { to: string[] };
    envelope.to.push('eve@example.com');
    expect(mail.message.getEnvelope().to).toEqual(['ann@example.com']);
  });

  it('makes the envelope as nodemailer did: domains in ASCII when the local part is, control characters and brackets gone', () => {
    expect(smtpEnvelopes('no-reply@Exämple.com')('Ann@Jõgeva.EE')).toEqual({ from: 'no-reply@xn--exmple-cua.com', to: ['Ann@xn--jgeva-dua.ee'] });
    const fromShop = smtpEnvelopes('shop@example.com');
    expect(fromShop(' <ann@example.com>\r\n')).toEqual({ from: 'shop@example.com', to: ['ann@example.com'] });
    expect(fromShop('bob@example.com')).toEqual({ from: 'shop@example.com', to: ['bob@example.com'] });
    expect(smtpEnvelopes(' <shop@example.com>\n')('ann@example.com')).toEqual({ from: 'shop@example.com', to: ['ann@example.com'] });
  });
});
