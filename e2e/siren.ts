/** A SIREN with a valid Luhn key built from any digits, different for every seed. */
export function validSiren(seed: string): string {
  const base = seed.replace(/\D/g, '').padStart(8, '0').slice(-8);
  for (let key = 0; key <= 9; key++) {
    const candidate = `${base}${key}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let digit = Number(candidate[8 - i]);
      if (i % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one key digit always fits');
}
