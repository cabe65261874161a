import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret } from './siren';

describe('SIREN', () => {
  it.each(['732829320', '552100554', '542065479', '356000000'])('%s is valid', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it.each([
    ['732829321', 'wrong key'],
    ['73282932', 'eight digits'],
    ['7328293200', 'ten digits'],
    ['732 829 320', 'spaces (callers strip them first)'],
    ['73282932a', 'a letter'],
    ['', 'empty'],
  ])('%s is refused (%s)', (siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });
});

describe('SIRET', () => {
  it.each([
    ['73282932000074', 'Luhn key'],
    ['35600000000048', 'La Poste head office, Luhn key'],
    ['35600000000001', 'La Poste establishment, digit sum divisible by 5'],
  ])('%s is valid (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['73282932000075', 'wrong key'],
    ['73282932000072', 'digit sum divisible by 5 only counts for La Poste'],
    ['35600000000002', 'La Poste, digit sum not divisible by 5'],
    ['73282932100007', 'Luhn holds on 14 digits but the SIREN part is invalid'],
    ['7328293200007', 'thirteen digits'],
    ['732829320 00074', 'a space'],
  ])('%s is refused (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });
});
