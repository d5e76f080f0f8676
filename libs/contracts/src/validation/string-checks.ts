import isEmailAddress from 'validator/lib/isEmail';
import isISO8601 from 'validator/lib/isISO8601';

/**
 * The form our producers write instants in (`Date.prototype.toISOString`, or with an offset): date, `T`, time to
 * the second, optional fraction, and `Z` or `±hh:mm`, in the years 1000-9999. Every string of this form whose date
 * exists is one that validator's strict ISO-8601 check accepts, so only the others are handed to it (it refuses
 * some years below 100, where the Date it builds reads the year differently).
 */
const INSTANT = /^([1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * validator's `isISO8601(value, { strict: true })` (what class-validator's `IsISO8601({ strict: true })` asks),
 * answered without it for the form above: its strict date check built a Date from a rebuilt string for every
 * timestamp of every event (the largest single share of event validation in bench:pipeline's profile). Other strings
 * (dates alone, week dates, other separators) go to it.
 */
export function isStrictIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const instant = INSTANT.exec(value);
  if (instant) {
    const year = Number(instant[1]);
    const month = Number(instant[2]);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return Number(instant[3]) <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
  }
  return isISO8601(value, { strict: true });
}

/** Answers kept; a full cache starts again. With keys no longer than an address can be, its memory stays bounded. */
const EMAIL_ANSWERS_KEPT = 4096;
/** validator's default limit on an address's length: a longer string is refused, and not kept. */
const LONGEST_EMAIL = 254;
const emailAnswers = new Map<string, boolean>();

/**
 * validator's `isEmail(value)` with its defaults (what class-validator's `IsEmail()` asks), remembered per address:
 * an order's events each carry its customer's address, and a service checks the same few addresses over and over
 * (validator's isEmail was a fifth of event validation in bench:pipeline's profile). The answer depends on the
 * string alone.
 */
export function isEmail(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.length > LONGEST_EMAIL) return isEmailAddress(value);
  const known = emailAnswers.get(value);
  if (known !== undefined) return known;
  const answer = isEmailAddress(value);
  if (emailAnswers.size >= EMAIL_ANSWERS_KEPT) emailAnswers.clear();
  emailAnswers.set(value, answer);
  return answer;
}
