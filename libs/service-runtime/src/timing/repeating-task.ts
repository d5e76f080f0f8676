import { Logger } from '@nestjs/common';

/** How {@link RepeatingTask.wake} may bring a round forward. */
export interface RepeatingTaskOptions {
  /**
   * Least time from the end of one round to a round brought forward by `wake()`, so a stream of
   * wake-ups runs rounds of several items each instead of one round per item. Default 0.
   */
  wakeGapMs?: number;
}

/**
 * Runs `task` every `intervalMs` for a background loop (the job timer, the
 * backorder sweep, the mail dispatch). Each round is timed from the end of the
 * previous one, so rounds never overlap within a process; `wake()` brings the
 * next round forward when there is work now; `stop()` waits for the round in
 * flight, so it can finish while the database is still open.
 */
export class RepeatingTask {
  private readonly logger: Logger;
  private readonly wakeGapMs: number;
  private timer?: NodeJS.Timeout;
  /** When the pending timer fires (epoch ms); undefined while a round runs or the loop is off. */
  private dueAt?: number;
  private inFlight?: Promise<void>;
  private intervalMs = 0;
  private lastEndedAt = 0;
  /** wake() was called during the round in flight: the next round comes after the gap, not the interval. */
  private wokenDuringRound = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    options: RepeatingTaskOptions = {},
  ) {
    this.logger = new Logger(name);
    this.wakeGapMs = options.wakeGapMs ?? 0;
  }

  /** Starts the loop; an interval of 0 (or less) leaves it off. */
  start(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (intervalMs > 0) this.schedule(intervalMs);
  }

  /** True once stop() was called: long rounds check it to end early. */
  get stopping(): boolean {
    return this.stopped;
  }

  /**
   * There is work now: the next round starts `wakeGapMs` after the last one ended instead of at its
   * interval (right after the round in flight, gap included, if one runs). Wake-ups meanwhile coalesce; a loop that is off stays off.
   */
  wake(): void {
    if (this.stopped || this.intervalMs <= 0) return;
    if (this.dueAt === undefined) {
      this.wokenDuringRound = true;
      return;
    }
    const at = Math.max(Date.now(), this.lastEndedAt + this.wakeGapMs);
    if (this.dueAt <= at) return;
    clearTimeout(this.timer);
    this.schedule(at - Date.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dueAt = undefined;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    this.dueAt = undefined;
    this.wokenDuringRound = false;
    this.inFlight = this.task()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`${this.name} round failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.lastEndedAt = Date.now();
        if (!this.stopped) this.schedule(this.wokenDuringRound ? this.wakeGapMs : this.intervalMs);
      });
  }
}
