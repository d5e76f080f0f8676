import isEmailAddress from 'validator/lib/isEmail';
import isISO8601 from 'validator/lib/isISO8601';
import { isEmail, isStrictIsoDate } from './string-checks';

describe('isStrictIsoDate answers as validator strict ISO-8601 does', () => {
  const days = ['00', '01', '28', '29', '30', '31', '32'];
  const months = ['00', '01', '02', '04', '12', '13'];
  const years = ['0000', '0001', '0099', '0100', '0999', '1000', '1900', '2000', '2023', '2024', '2100', '9999'];
  const times = ['T00:00:00Z', 'T23:59:59.999Z', 'T24:00:00Z', 'T12:60:00Z', 'T12:00:60Z', 'T10:00:00+02:00', 'T10:00:00-24:00', 'T10:00:00.1234567Z', 'T10:00Z', ' 10:00:00Z', 't10:00:00z', 'T10:00:00', ''];
  const candidates = years.flatMap((y) => months.flatMap((m) => days.flatMap((d) => times.map((t) => `${y}-${m}-${d}${t}`))));

  it.each([
    ['a Date as JSON', new Date('2025-03-01T10:20:30.456Z').toISOString(), true],
    ['the last day of a leap February', '2024-02-29T00:00:00.000Z', true],
    ['a day February does not have', '2023-02-29T00:00:00.000Z', false],
    ['a date alone', '2025-03-01', true],
    ['a week date', '2025-W09-6', true],
    ['not a date', 'yesterday', false],
  ])('%s', (_name, value, expected) => {
    expect(isStrictIsoDate(value)).toBe(expected);
    expect(isISO8601(value, { strict: true })).toBe(expected);
  });

  it(`on ${candidates.length} strings around the edges of the form it answers itself`, () => {
    const disagreements = candidates.filter((value) => isStrictIsoDate(value) !== isISO8601(value, { strict: true }));
    expect(disagreements).toEqual([]);
  });

  it('refuses what is not a string', () => {
    expect(isStrictIsoDate(20250301)).toBe(false);
    expect(isStrictIsoDate(new Date())).toBe(false);
  });
});

describe('isEmail answers as validator isEmail does, remembered', () => {
  const values = ['ann@example.com', 'Ann@Jõgeva.EE', 'ann@localhost', 'ann@@example.com', ' ann@example.com', 'ann.@example.com', '"a b"@example.com', ''];

  it.each(values)('%j, asked twice', (value) => {
    expect(isEmail(value)).toBe(isEmailAddress(value));
    expect(isEmail(value)).toBe(isEmailAddress(value));
  });

  it('keeps answering correctly past the number of answers it keeps', () => {
    for (let i = 0; i < 4200; i += 1) expect(isEmail(i % 3 === 0 ? `bad${i}@` : `c${i}@example.com`)).toBe(i % 3 !== 0);
  });

  it('refuses an address longer than 254 characters, as validator does', () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(190)}.com`;
    expect(isEmail(long)).toBe(isEmailAddress(long));
    expect(isEmail(long)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isEmail(undefined)).toBe(false);
    expect(isEmail(42)).toBe(false);
  });
});
