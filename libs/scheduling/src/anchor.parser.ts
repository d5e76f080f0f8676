import { DateTime } from 'luxon';
import { ScheduleError } from './schedule.error';
import type { ScheduleAnchor } from './schedule.types';

/** An anchor as numbers. `rhythmDay` is the day month/year steps aim for before clamping. */
export interface ParsedAnchor {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly rhythmDay: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Readable reasons why `anchor` is not a valid {@link ScheduleAnchor}; empty when it is. */
export function anchorErrors(anchor: unknown, path = 'anchor'): string[] {
  if (!isRecord(anchor)) return [`${path} must be an object { date, time }`];
  const errors: string[] = [];
  const { date, time, dayOfMonth } = anchor;
  const parts = typeof date === 'string' ? DATE.exec(date) : null;
  const calendar = parts ? DateTime.fromObject({ year: +parts[1], month: +parts[2], day: +parts[3] }, { zone: 'utc' }) : undefined;
  if (!calendar?.isValid) errors.push(`${path}.date must be an existing calendar date YYYY-MM-DD`);
  if (typeof time !== 'string' || !TIME.test(time)) errors.push(`${path}.time must be HH:mm (00:00-23:59)`);
  if (dayOfMonth !== undefined) {
    if (!Number.isInteger(dayOfMonth) || (dayOfMonth as number) < 1 || (dayOfMonth as number) > 31) {
      errors.push(`${path}.dayOfMonth must be an integer from 1 to 31`);
    } else if (calendar?.isValid && Math.min(dayOfMonth as number, calendar.daysInMonth ?? 31) !== calendar.day) {
      // The first cycle must itself follow the rhythm, otherwise cycle 0 and cycle 1 disagree.
      errors.push(`${path}.dayOfMonth ${dayOfMonth} does not clamp to ${path}.date ${date}`);
    }
  }
  return errors;
}

/** Parses a valid anchor; throws {@link ScheduleError} listing every problem otherwise. */
export function parseAnchor(anchor: ScheduleAnchor, path = 'anchor'): ParsedAnchor {
  const errors = anchorErrors(anchor, path);
  if (errors.length > 0) throw new ScheduleError(errors);
  return readAnchor(anchor);
}

/** {@link parseAnchor} without validation, for anchors validated before (hot path). */
export function readAnchor(anchor: ScheduleAnchor): ParsedAnchor {
  const [, year, month, day] = DATE.exec(anchor.date)!.map(Number);
  const [, hour, minute] = TIME.exec(anchor.time)!.map(Number);
  return { year, month, day, hour, minute, rhythmDay: anchor.dayOfMonth ?? day };
}
