import type { FieldError } from './field-validation.pipe';

/**
 * Groups of digits joined by single spaces or dashes (how people type card numbers: 4111 1111 1111 1111),
 * standing on their own: digits inside a word or a hex id (ec503120-2953-...) are not a card number.
 */
const DIGIT_RUN = /(?<![A-Za-z0-9])\d+(?:[ -]\d+)*(?![A-Za-z0-9])/g;

/** A UUID is never a card number, even when its digits happen to pass Luhn. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Luhn (mod 10) checksum, the check digit every payment card number carries. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text holds something that looks like a payment card number
 * (PAN): 13 to 19 digits, with or without spaces or dashes, passing the Luhn
 * check. Anywhere in the text, so "card 4111 1111 1111 1111" counts too.
 */
export function looksLikeCardNumber(text: string): boolean {
  if (UUID.test(text)) return false;
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = match[0].split(/[ -]/);
    // Every whole sequence of groups of 13 to 19 digits: "4111 1111 1111 1111 2029" holds one, a bare 20-digit run none.
    for (let first = 0; first < groups.length; first += 1) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last += 1) {
        digits += groups[last];
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

/** The text with every card-number-looking run of digits replaced, for logs (a request URL may carry one in its query or path). */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (looksLikeCardNumber(run) ? '[card number removed]' : run));
}

export const CARD_NUMBER_MESSAGE = 'looks like a card number; send the payment provider\'s token, never the card number';

/**
 * Every field of an input value (body, query or path parameter) whose string
 * or number looks like a card number, by path. The value itself is never
 * repeated in the message, so a refusal cannot leak it into logs.
 */
export function cardNumberErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && errors.length < 20) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      if (looksLikeCardNumber(String(current))) errors.push({ field, messages: [`${field} ${CARD_NUMBER_MESSAGE}`] });
      continue;
    }
    if (typeof current !== 'object' || current === null || depth > 32) continue;
    for (const key of Object.keys(current)) {
      stack.push({ value: (current as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return errors.sort((a, b) => a.field.localeCompare(b.field));
}
