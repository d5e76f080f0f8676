import { simpleParser } from 'mailparser';
import { mailbox, mimeMessage } from './mime-message';

describe('MIME message', () => {
  const mail = {
    from: mailbox('Abonnements Société', 'no-reply@oms.local'),
    to: 'customer@example.com',
    subject: 'Bestellung SO-1 bestätigt: 3 × Kaffee für € 44,97',
    messageId: '<m-1@oms.local>',
    date: new Date('2026-03-01T08:00:00Z'),
    headers: { 'X-OMS-Template': 'order-confirmation', 'X-OMS-Event': 'e-1' },
    text: `Thank you.\n\n  3 x COFFEE-1KG at EUR 14.99 = EUR 44.97\n.\nA line with a = sign, trailing space \nand ${'long '.repeat(40)}end`,
    html: '<!doctype html>\n<html><body><p>Grüße &amp; danke</p></body></html>\n',
  };

  it('reads back as the mail it was built from (mailparser, as mail clients and the sink read it)', async () => {
    const parsed = await simpleParser(mimeMessage(mail));
    expect(parsed.from?.value).toEqual([{ name: 'Abonnements Société', address: 'no-reply@oms.local' }]);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.messageId).toBe('<m-1@oms.local>');
    expect(parsed.date).toEqual(mail.date);
    expect(parsed.headers.get('x-oms-template')).toBe('order-confirmation');
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
  });

  it('names the sender as mail clients read it: plain, quoted or encoded', async () => {
    for (const name of ['Subscriptions', 'Shop, Inc. "Subscriptions"', 'Société']) {
      const parsed = await simpleParser(mimeMessage({ ...mail, from: mailbox(name, 'no-reply@oms.local') }));
      expect(parsed.from?.value).toEqual([{ name, address: 'no-reply@oms.local' }]);
    }
  });

  it('keeps every line within 78 characters and a header value on one line', () => {
    const raw = mimeMessage({ ...mail, headers: { 'X-OMS-Event': 'e-1\r\nBcc: someone@example.com' } });
    expect(raw.split(/\r?\n/).filter((line) => line.length > 78)).toEqual([]);
    expect(raw).not.toMatch(/^Bcc:/m);
  });
});
