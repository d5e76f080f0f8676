/**
 * Thrown for schedule data that breaks the rules (bad anchor, unknown zone, segments or
 * overrides out of order). `errors` holds one readable reason per problem, each starting
 * with the offending path, e.g. `segments[1].anchor.time must be HH:mm (00:00-23:59)`.
 */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';

  constructor(readonly errors: readonly string[]) {
    super(`invalid schedule: ${errors.join('; ')}`);
  }
}
