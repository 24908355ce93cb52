// ISO 3779 / 49 CFR 565: the check digit at position 9 of a North American VIN.

const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The message a VIN with a wrong check digit gets. */
export const VIN_CHECK_DIGIT_MESSAGE = 'VIN check digit does not match: check for a typo';

/**
 * The check digit (`0`–`9` or `X`) a 17-character VIN must have at position 9,
 * or undefined when it has characters a VIN cannot have.
 */
export function vinCheckDigit(vin: string): string | undefined {
  if (vin.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const char = vin[i]!;
    const value = /[0-9]/.test(char) ? Number(char) : TRANSLITERATION[char];
    if (value === undefined) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * True unless the VIN is one whose check digit is mandatory (made in North
 * America: it starts with 1–5) and position 9 does not match. Other VINs (e.g.
 * European ones, which often carry a letter or a Z there) are not checked.
 * Expects an upper-case, 17-character VIN.
 */
export function hasValidCheckDigit(vin: string): boolean {
  if (!/^[1-5]/.test(vin)) return true;
  return vinCheckDigit(vin) === vin[8];
}
