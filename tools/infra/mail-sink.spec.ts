import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailSink, type MailSink } from './mail-sink';

describe('mail sink', () => {
  let dir: string;
  let sink: MailSink;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mail-sink-'));
    sink = await startMailSink({ port: 0, dir, httpPort: 0 });
  });
  afterEach(async () => {
    await sink.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('receives a message sent with nodemailer and reads it back with its headers', async () => {
    const transport = createTransport(sink.smtpUrl);
    const info = await transport.sendMail({
      from: 'Subscriptions <no-reply@oms.local>',
      to: ['ada@example.com', 'Store <store@example.com>'],
      subject: 'Your order OMS-1 is confirmed',
      text: 'Thank you.\nTotal: EUR 19.99',
      html: '<p>Thank you.</p>',
      headers: { 'X-OMS-Template': 'order-confirmation', 'X-OMS-Event': '9b2e1a64-1111-4c4c-8888-000000000001' },
    });
    transport.close();
    expect(info.response).toMatch(/^250 .*queued as /);

    const [mail, ...others] = await sink.messages();
    expect(others).toHaveLength(0);
    expect(mail).toMatchObject({
      from: 'no-reply@oms.local',
      to: ['ada@example.com', 'store@example.com'],
      subject: 'Your order OMS-1 is confirmed',
      text: 'Thank you.\nTotal: EUR 19.99',
      html: '<p>Thank you.</p>',
      messageId: info.messageId,
    });
    expect(mail!.headers).toMatchObject({ 'x-oms-template': 'order-confirmation', 'x-oms-event': '9b2e1a64-1111-4c4c-8888-000000000001' });
    expect(mail!.file).toMatch(new RegExp(`^${dir}/\\d{8}T\\d{9}Z-${mail!.id}\\.eml$`));
    expect(await readFile(mail!.file, 'utf8')).toContain('Subject: Your order OMS-1 is confirmed');
  });

  it('lists messages newest first over HTTP', async () => {
    const transport = createTransport(sink.smtpUrl);
    for (const subject of ['first', 'second']) await transport.sendMail({ from: 'a@oms.local', to: 'b@example.com', subject, text: subject });
    transport.close();
    expect(sink.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(sinkHttpUrl(sink));
    expect(response.status).toBe(200);
    expect(((await response.json()) as Array<{ subject: string }>).map((m) => m.subject)).toEqual(['second', 'first']);
  });

  it('keeps what was received across a restart on the same directory', async () => {
    const transport = createTransport(sink.smtpUrl);
    await transport.sendMail({ from: 'a@oms.local', to: 'b@example.com', subject: 'kept', text: 'kept' });
    transport.close();
    await sink.stop();
    sink = await startMailSink({ port: 0, dir });
    expect((await sink.messages()).map((m) => m.subject)).toEqual(['kept']);
  });

  it('has an empty list before anything arrived, and refuses to start on a port in use', async () => {
    expect(await sink.messages()).toEqual([]);
    const busy = Number(new URL(sink.smtpUrl).port);
    await expect(startMailSink({ port: busy, dir })).rejects.toThrow(/EADDRINUSE/);
  });
});

function sinkHttpUrl(sink: MailSink): string {
  if (!sink.httpUrl) throw new Error('the sink was started without httpPort');
  return sink.httpUrl;
}
