/** Throws RangeError unless `value` is an integer >= `min` (`name` is used in the message). */
export function assertIntAtLeast(value: number, min: number, name: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws RangeError unless `now` is a valid Date. */
export function assertValidDate(now: Date, name: string): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}
