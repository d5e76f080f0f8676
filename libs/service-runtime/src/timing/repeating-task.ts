import { Logger } from '@nestjs/common';

/**
 * Runs `task` every `intervalMs` for a background loop (the job timer, the
 * backorder sweep, the mail dispatch). Each round is timed from the end of the
 * previous one, so rounds never overlap within a process; `stop()` waits for
 * the round in flight, so it can finish while the database is still open.
 */
export class RepeatingTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  /** Starts the loop; an interval of 0 (or less) leaves it off. */
  start(intervalMs: number): void {
    if (intervalMs > 0) this.schedule(intervalMs);
  }

  /** True once stop() was called: long rounds check it to end early. */
  get stopping(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private schedule(intervalMs: number): void {
    this.timer = setTimeout(() => {
      this.inFlight = this.task()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`${this.name} round failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.schedule(intervalMs);
        });
    }, intervalMs);
  }
}
