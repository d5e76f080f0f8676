/** The digits of a phone number: "+31 (0)6 1234-5678" is found by "0612345678" or "12345678". */
export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length > 0 ? digits : null;
}

/** Postcodes are found without case and spaces: "1015 cj" finds "1015 CJ". */
export function postcodeSearchKey(postcode: string | null | undefined): string | null {
  const key = postcode?.replace(/\s+/g, '').toUpperCase() ?? '';
  return key.length > 0 ? key : null;
}
