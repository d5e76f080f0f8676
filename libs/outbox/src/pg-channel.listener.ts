import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface PgChannelListenerOptions {
  databaseUrl: string;
  /** The channel to LISTEN on: a plain identifier (it is not quoted). */
  channel: string;
  /** How the connection shows in pg_stat_activity. */
  applicationName: string;
  /** Called for each notification: PostgreSQL delivers one per committed transaction that sent one. */
  onNotification: () => void;
  /** What carries on without notifications, for the log: e.g. "the relay polls". */
  fallback: string;
}

/**
 * One dedicated connection that LISTENs on a channel and calls `onNotification` for each notification. Best effort
 * by design: if it cannot connect or the connection drops, whoever it wakes still polls, only slower to react; a
 * notification is a hint, never the record (the table is).
 */
export class PgChannelListener {
  private readonly logger = new Logger(PgChannelListener.name);
  private client?: Client;

  constructor(private readonly options: PgChannelListenerOptions) {}

  /** @returns whether it listens (false: connecting failed; polling alone carries on). */
  async start(): Promise<boolean> {
    const { databaseUrl, channel, applicationName, onNotification, fallback } = this.options;
    const client = new Client({ connectionString: databaseUrl, application_name: applicationName });
    client.on('notification', () => onNotification());
    client.on('error', (error) => {
      this.logger.warn(`${channel} notifications: connection lost (${error.message}); ${fallback} until restart`);
      this.client = undefined;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      this.client = client;
      return true;
    } catch (error) {
      this.logger.warn(`${channel} notifications unavailable (${error instanceof Error ? error.message : String(error)}); ${fallback}`);
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
