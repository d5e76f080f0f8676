/** Injection token of the service's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/**
 * The only source of "now" for business rules (due cycles, late orders,
 * reminders), so tests can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set and move; starts at the given instant (default: now). */
export class ControllableClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
