import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, startMailSink, TEST_PROFILE, type MailSink } from '@oms/local-infra';
import { EventCollector } from '@oms/testing';
import { E2eSystem } from './e2e-system';
import { resetSystemState } from './system-state';

/** What one e2e suite starts beyond the defaults: each suite's own differences. */
export interface E2eOptions {
  /** Every service's business clock at the start. */
  clock: Date;
  /** A mail sink of the suite's own, its files in this folder of the test state; notifications dispatches to it every 200 ms. */
  mail?: string;
  /** Topics whose events the suite reads, collected from before the services start. */
  topics?: string[];
  /** The suite's own service variables, over the e2e ones. */
  env?: Record<string, string>;
  /** Empties the topics and tables again at the end too, for what the suite leaves behind (settings, stored cards, rules) that would change later suites. */
  resetAfter?: boolean;
}

const brokers = () => process.env['KAFKA_BROKERS']!.split(',');
const databaseUrls = () => SERVICES.map(({ name }) => process.env[`${name.toUpperCase()}_DATABASE_URL`]!);

/**
 * One e2e suite's system on a clean slate: topics and tables emptied, then its mail sink and event collector,
 * then the five services with the backorder sweep off, their clocks set. `stop` ends what was started.
 */
export class E2eRun {
  private mailSink?: MailSink;
  private collector?: EventCollector;
  private services?: E2eSystem;

  private constructor(private readonly options: E2eOptions) {}

  /** Starts a suite's system; when a step fails, what did start is stopped before the error is thrown. */
  static async start(options: E2eOptions): Promise<E2eRun> {
    const run = new E2eRun(options);
    try {
      await run.begin();
    } catch (error) {
      await run.stop().catch(() => undefined);
      throw error;
    }
    return run;
  }

  get system(): E2eSystem {
    return started(this.services, 'the services');
  }

  get sink(): MailSink {
    return started(this.mailSink, 'a mail sink (the mail option)');
  }

  get events(): EventCollector {
    return started(this.collector, 'an event collector (the topics option)');
  }

  async stop(): Promise<void> {
    await this.services?.stop();
    await this.mailSink?.stop();
    await this.collector?.stop();
    if (this.options.resetAfter) await resetSystemState(brokers(), databaseUrls());
  }

  private async begin(): Promise<void> {
    const { clock, mail, topics, env } = this.options;
    await resetSystemState(brokers(), databaseUrls());
    if (mail) {
      const dir = join(TEST_PROFILE.stateDir, mail);
      rmSync(dir, { recursive: true, force: true });
      this.mailSink = await startMailSink({ port: 0, dir });
    }
    if (topics) this.collector = await EventCollector.start(topics);
    const mailEnv: Record<string, string> = this.mailSink ? { SMTP_URL: this.mailSink.smtpUrl, DISPATCH_INTERVAL_MS: '200' } : {};
    this.services = new E2eSystem({ ...mailEnv, BACKORDER_SWEEP_INTERVAL_MS: '0', ...env });
    await this.services.start();
    await this.services.setClock(clock);
  }
}

/** Starts one e2e suite's system (see {@link E2eRun}). */
export function startE2e(options: E2eOptions): Promise<E2eRun> {
  return E2eRun.start(options);
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`this e2e run started no ${what}`);
  return value;
}
