import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.constants';

/**
 * One dedicated connection that LISTENs on the outbox channel and calls
 * `onWake` for each committed outbox write. Best effort by design: if it
 * cannot connect or the connection drops, the relay still polls, only slower
 * to react; a notification is a hint, never the record (the table is).
 */
export class OutboxWakeupListener {
  private readonly logger = new Logger(OutboxWakeupListener.name);
  private client?: Client;

  constructor(private readonly databaseUrl: string, private readonly onWake: () => void) {}

  /** @returns whether it listens (false: connecting failed; polling alone carries on). */
  async start(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-relay-listener' });
    client.on('notification', () => this.onWake());
    client.on('error', (error) => {
      this.logger.warn(`outbox wake-up connection lost (${error.message}); the relay polls until restart`);
      this.client = undefined;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.client = client;
      return true;
    } catch (error) {
      this.logger.warn(`outbox wake-ups unavailable (${error instanceof Error ? error.message : String(error)}); the relay polls`);
      await client.end().catch(() => undefined);
      return false;
    }
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
