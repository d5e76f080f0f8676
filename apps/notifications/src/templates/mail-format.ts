// Formatting shared by the templates. Emails are read by people, so amounts and
// dates are spelled out; HTML is deliberately plain (no styles, no images).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML bodies: every value from an event passes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Integer minor units to a display amount, with the currency's own decimals (JPY 0, EUR 2, BHD 3). */
export function formatMoney(amountMinor: number, currency: string): string {
  const { format, digits } = moneyFormat(currency);
  return format.format(amountMinor / 10 ** digits).replace(/\u00a0/g, ' ');
}

/**
 * Intl formatters are costly to build (an order confirmation formats ten amounts) and immutable, so each
 * is built once per currency or zone and kept: the set is small (ISO codes, IANA zones), and a formatter
 * holds no data of any email. Templates are code: an edit of one takes effect with the deploy that ships it.
 */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The value kept under `key`, built on first use; a build that throws keeps nothing. */
function memo<V>(cache: Map<string, V>, key: string, build: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

function moneyFormat(currency: string): { format: Intl.NumberFormat; digits: number } {
  return memo(moneyFormats, currency, () => {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'code' }); // throws for a code Intl rejects
    return { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
  });
}

const dayFormat = (zone: string) => memo(dayFormats, zone, () => new Intl.DateTimeFormat('en-GB', { ...DAY, timeZone: zone }));
const timeFormat = (zone: string) => memo(timeFormats, zone, () => new Intl.DateTimeFormat('en-GB', { ...TIME, timeZone: zone }));

/**
 * A day for people in the subscription's time zone (UTC when unknown), e.g.
 * "Sunday, 15 March 2026": a cycle due at 00:30 in Amsterdam is on that day there.
 */
export function formatDay(instant: Date, timeZone?: string | null): string {
  return dayFormat(knownZone(timeZone)).format(instant);
}

/** A day and time for people, naming the zone, e.g. "Sunday, 15 March 2026 at 09:00 (Europe/Amsterdam)". */
export function formatDayTime(instant: Date, timeZone?: string | null): string {
  const zone = knownZone(timeZone);
  return `${formatDay(instant, zone)} at ${timeFormat(zone).format(instant)} (${zone})`;
}

function knownZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    dayFormat(timeZone); // throws for a zone this runtime does not know
    return timeZone;
  } catch {
    return 'UTC'; // still a correct instant, in UTC
  }
}

/** A minimal HTML document around already-escaped body markup. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** One table row per item, cells escaped. */
export function htmlTable(header: string[], rows: string[][]): string {
  const cells = (tag: string, values: string[]) => values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  return `<table>\n<tr>${cells('th', header)}</tr>\n${rows.map((row) => `<tr>${cells('td', row)}</tr>`).join('\n')}\n</table>`;
}
