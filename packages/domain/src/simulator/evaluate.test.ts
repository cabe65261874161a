import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue';
import { evaluate } from './evaluate';
import { WORKED_EXAMPLE_A as EXAMPLE_A } from './examples';
import type { Answers, Catalogue, Product } from './types';

const NNBSP = '\u202f';

/** The default catalogue with one product changed. */
const withProduct = (code: string, change: (product: Product) => Product): Catalogue => ({
  ...defaultCatalogue,
  products: defaultCatalogue.products.map((p) => (p.code === code ? change(p) : p)),
});
const resultOf = (catalogue: Catalogue, answers: Answers, code: string) =>
  evaluate(catalogue, answers).products.find((p) => p.code === code);

describe('inactive products', () => {
  it('are never evaluated nor listed (CEE)', () => {
    const codes = evaluate(defaultCatalogue, EXAMPLE_A).products.map((p) => p.code);
    expect(codes).not.toContain('CEE');
    expect(codes).toHaveLength(10);
  });

  it('leave the totals when an admin deactivates one', () => {
    const catalogue = withProduct('URSSAF', (p) => ({ ...p, active: false }));
    const result = evaluate(catalogue, EXAMPLE_A);
    expect(result.products.map((p) => p.code)).not.toContain('URSSAF');
    expect(result).toMatchObject({ totalEuros: 159_300 - 122_500, eligibleCount: 6 });
  });

  it('an active product without a rule or formula is listed as not evaluable', () => {
    const catalogue = withProduct('CEE', (p) => ({ ...p, active: true }));
    expect(resultOf(catalogue, EXAMPLE_A, 'CEE')).toEqual({
      code: 'CEE',
      eligible: false,
      amountEuros: null,
      explanation: '',
      reason: 'Ce dispositif n’est pas encore évaluable.',
    });
  });
});

describe('amounts', () => {
  it('a computed amount of zero is not eligible, and says so', () => {
    const catalogue = withProduct('TICPE', (p) => ({ ...p, params: { ...p.params, refundPerLitre: 0 } }));
    expect(resultOf(catalogue, EXAMPLE_A, 'TICPE')).toEqual({
      code: 'TICPE',
      eligible: false,
      amountEuros: 0,
      explanation: `5${NNBSP}000 L × 12 mois × 0,00 €/L = 0 €`,
      reason: 'Le montant estimé est nul.',
    });
    expect(evaluate(catalogue, EXAMPLE_A)).toMatchObject({ totalEuros: 159_300 - 12_000, eligibleCount: 6 });
  });

  it('an amount that rounds to zero euros is not eligible either', () => {
    const tiny = { ...EXAMPLE_A, UNPAID_INVOICES: 0.4 };
    expect(resultOf(defaultCatalogue, tiny, 'DEBT_RECOVERY')).toMatchObject({
      eligible: false,
      amountEuros: 0,
    });
  });

  it('rounds to the euro, half away from zero', () => {
    const answers = { ...EXAMPLE_A, PROPERTY_TAX: 12.5 };
    expect(resultOf(defaultCatalogue, answers, 'PROPERTY_TAX')).toMatchObject({
      eligible: true,
      amountEuros: 3,
      explanation: '12,5 € × 20 % = 3 €',
    });
    expect(
      resultOf(defaultCatalogue, { ...EXAMPLE_A, PROPERTY_TAX: 12.47 }, 'PROPERTY_TAX')?.amountEuros,
    ).toBe(2);
  });

  it('uses the parameters of the catalogue it is given', () => {
    const catalogue = withProduct('PROPERTY_TAX', (p) => ({ ...p, params: { rate: 0.25 } }));
    expect(resultOf(catalogue, EXAMPLE_A, 'PROPERTY_TAX')).toMatchObject({
      amountEuros: 2_500,
      explanation: `10${NNBSP}000 € × 25 % = 2${NNBSP}500 €`,
    });
    const ticpe = withProduct('TICPE', (p) => ({ ...p, params: { months: 6, refundPerLitre: 0.157 } }));
    expect(resultOf(ticpe, EXAMPLE_A, 'TICPE')).toMatchObject({
      amountEuros: 4_710,
      explanation: `5${NNBSP}000 L × 6 mois × 0,16 €/L = 4${NNBSP}710 €`,
    });
  });

  it('a parameter missing from an edited product gives no made-up figure', () => {
    const catalogue = withProduct('URSSAF', (p) => ({ ...p, params: { rate: 0.1 } }));
    expect(resultOf(catalogue, EXAMPLE_A, 'URSSAF')).toEqual({
      code: 'URSSAF',
      eligible: false,
      amountEuros: null,
      explanation: '',
      reason: 'L’estimation de ce dispositif est momentanément indisponible.',
    });
  });
});

describe('qualitative products', () => {
  it('are eligible without an amount and say what they bring', () => {
    expect(resultOf(defaultCatalogue, EXAMPLE_A, 'FLEET_SOFTWARE')).toEqual({
      code: 'FLEET_SOFTWARE',
      eligible: true,
      amountEuros: null,
      explanation: 'Temps de conduite analysés automatiquement et infractions évitées.',
    });
  });
});

describe('hidden answers', () => {
  it('never count, even when a caller passes them unvalidated', () => {
    const answers = { ...EXAMPLE_A, OWNS_PREMISES: false };
    expect(resultOf(defaultCatalogue, answers, 'PROPERTY_TAX')).toMatchObject({ eligible: false });
    const noVehicles = { ...EXAMPLE_A, HAS_VEHICLES: false };
    const result = evaluate(defaultCatalogue, noVehicles);
    expect(result.products.filter((p) => p.eligible).map((p) => p.code)).toEqual([
      'URSSAF',
      'PROPERTY_TAX',
      'ELECTRICITY_SUPPLIER',
    ]);
    expect(result.totalEuros).toBe(122_500 + 2_000 + 4_800);
  });
});
