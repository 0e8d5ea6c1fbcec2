/** Luhn (ISO/IEC 7812-1 annex B) check over a string of digits; false for anything else. */
export const luhnValid = (digits: string): boolean => {
  if (!/^[0-9]{2,19}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
};

/** The check digit that makes `body + digit` pass Luhn (used to build test cards). */
export const luhnCheckDigit = (body: string): string => {
  for (let d = 0; d <= 9; d += 1) if (luhnValid(`${body}${d}`)) return String(d);
  return '0';
};
