import { smtpOptions } from './mail.transport';

describe('SMTP options', () => {
  const pool = { maxConnections: 3, messagesPerSecond: 0 };

  it('takes host, port, TLS and credentials apart from SMTP_URL, pooled', () => {
    expect(smtpOptions('smtps://mailer%40shop:p%3Ass@smtp.example.com:465', pool)).toMatchObject({
      pool: true, maxConnections: 3, host: 'smtp.example.com', port: 465, secure: true, auth: { user: 'mailer@shop', pass: 'p:ss' },
    });
  });

  it('sends without a rate limit by default and limits messages per second when configured', () => {
    expect(smtpOptions('smtp://127.0.0.1:2525', pool)).not.toHaveProperty('rateLimit');
    expect(smtpOptions('smtp://127.0.0.1:2525', { maxConnections: 8, messagesPerSecond: 14 })).toMatchObject({ maxConnections: 8, rateLimit: 14, rateDelta: 1000 });
  });
});
