/** Luhn checksum over a string of digits (the key of SIREN and SIRET numbers). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const digitSum = (digits: string) => [...digits].reduce((sum, digit) => sum + Number(digit), 0);

/**
 * La Poste registers more establishments under its one SIREN than Luhn keys allow, so INSEE
 * checks its SIRETs by a digit sum divisible by 5 instead (its head office also passes Luhn).
 */
const LA_POSTE_SIREN = '356000000';

/** A SIREN is 9 digits whose Luhn checksum is valid. Expects the digits only (no spaces). */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

/**
 * A SIRET is a valid SIREN followed by a 5-digit establishment number (NIC), the 14 digits
 * passing Luhn — or, for La Poste, summing to a multiple of 5. Expects the digits only.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value) || !isValidSiren(value.slice(0, 9))) return false;
  if (luhnValid(value)) return true;
  return value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0;
}
