import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue';
import { evaluate } from './evaluate';
import {
  EXAMPLE_EVALUATION_DAY as DAY,
  WORKED_EXAMPLE_A as EXAMPLE_A,
  WORKED_EXAMPLE_B as EXAMPLE_B,
} from './examples';
import type { Answers, Catalogue, Parameter, Product } from './types';

const NNBSP = '\u202f';
const n = (text: string) => text.replace(/(\d) (?=\d)/g, `$1${NNBSP}`);

const withProduct = (code: string, change: (product: Product) => Product): Catalogue => ({
  ...defaultCatalogue,
  products: defaultCatalogue.products.map((p) => (p.code === code ? change(p) : p)),
});
const withParameter = (code: string, change: (parameter: Parameter) => Parameter): Catalogue => ({
  ...defaultCatalogue,
  parameters: defaultCatalogue.parameters.map((p) => (p.code === code ? change(p) : p)),
});
const resultOf = (answers: Answers, code: string, day = DAY, catalogue = defaultCatalogue) =>
  evaluate(catalogue, answers, day).products.find((p) => p.code === code);

const COACH_COMPANY: Answers = {
  ...EXAMPLE_A,
  VEHICLE_TYPES: ['truck_over_7_5', 'coach'],
  COACHES: 4,
  FUEL_LITRES_COACH_PER_YEAR: 100_000,
};

describe('parameters are taken at the evaluation date', () => {
  it('TICPE uses the 2025 rate in 2025 and the 2024 one in 2024', () => {
    expect(resultOf(EXAMPLE_A, 'TICPE', '2025-06-30')).toMatchObject({ amountEuros: 47_250 });
    expect(resultOf(EXAMPLE_A, 'TICPE', '2025-06-30')?.explanation).toContain(
      '15,75 €/hl (tarif gazole 2025',
    );
    expect(resultOf(EXAMPLE_A, 'TICPE', '2024-03-01')).toMatchObject({ amountEuros: 47_130 });
  });

  it('DFS follows its yearly rate, then the latest published one, said as such', () => {
    expect(resultOf(EXAMPLE_A, 'DFS', '2025-01-01')?.amountEuros).toBe(14_211);
    expect(resultOf(EXAMPLE_A, 'DFS', '2027-12-31')?.amountEuros).toBe(12_632);
    const later = resultOf(EXAMPLE_A, 'DFS', '2029-05-01');
    expect(later?.amountEuros).toBe(12_632);
    expect(later?.explanation).toContain('16 % (taux DFS 2027, dernière valeur publiée, BOSS, trajectoire)');
  });

  it('a date before every period gives no made-up figure', () => {
    expect(resultOf(EXAMPLE_A, 'ELECTRICITY_SUPPLIER', '2025-12-31')).toMatchObject({
      eligible: false,
      reason: 'L’estimation de ce dispositif est momentanément indisponible.',
    });
  });

  it('a period added by an admin applies from its first day', () => {
    const catalogue = withParameter('GAZOLE_TARIFF', (p) => ({
      ...p,
      periods: [
        ...p.periods.map((period) =>
          period.validTo === null ? { ...period, validTo: '2026-12-31' } : period,
        ),
        {
          validFrom: '2027-01-01',
          validTo: null,
          value: 61,
          source: { label: 'Arrêté 2027', short: 'arrêté 2027' },
        },
      ],
    }));
    expect(resultOf(EXAMPLE_A, 'TICPE', '2026-12-31', catalogue)?.amountEuros).toBe(46_680);
    expect(resultOf(EXAMPLE_A, 'TICPE', '2027-01-01', catalogue)).toMatchObject({ amountEuros: 47_430 });
    expect(resultOf(EXAMPLE_A, 'TICPE', '2027-01-01', catalogue)?.explanation).toContain(
      '(tarif gazole 2027, arrêté 2027',
    );
  });
});

describe('TICPE', () => {
  it('adds the coach part at the TCRP floor, rounding once at the end', () => {
    // 300 000 × 15,56 / 100 + 100 000 × 21,56 / 100 = 46 680 + 21 560
    const result = resultOf(COACH_COMPANY, 'TICPE');
    expect(result).toMatchObject({ amountEuros: 68_240, period: 'annual' });
    expect(result?.explanation).toContain(
      n('+ 100 000 L × 21,56 €/hl (tarif gazole 2026, DREAL ; plancher TCRP 2020'),
    );
  });

  it('rounds the sum, not each term', () => {
    const answers = { ...COACH_COMPANY, FUEL_LITRES_HEAVY_PER_YEAR: 3, FUEL_LITRES_COACH_PER_YEAR: 3 };
    // 3 × 0,1556 + 3 × 0,2156 = 0,4668 + 0,6468 = 1,1136 → 1 (rounding each term would give 0 + 1)
    expect(resultOf(answers, 'TICPE')?.amountEuros).toBe(1);
  });

  it('coach only: the heavy part is left out of the text', () => {
    const { HEAVY_VEHICLES: _h, FUEL_LITRES_HEAVY_PER_YEAR: _l, ...rest } = COACH_COMPANY;
    const result = resultOf({ ...rest, VEHICLE_TYPES: ['coach'] }, 'TICPE');
    expect(result?.amountEuros).toBe(21_560);
    expect(result?.explanation.startsWith(n('100 000 L × 21,56 €/hl'))).toBe(true);
  });

  it('licensed taxis only: eligible, amount established by the expert', () => {
    const taxis = { ...EXAMPLE_B, HAS_VEHICLES: true, VEHICLE_TYPES: ['taxi'] };
    expect(resultOf(taxis, 'TICPE')).toMatchObject({
      eligible: true,
      amountEuros: null,
      period: null,
      claimBy: '2027-12-31',
    });
  });

  it('farm machinery only: not eligible, and says why', () => {
    const farm = { ...EXAMPLE_B, HAS_VEHICLES: true, VEHICLE_TYPES: ['farm_machinery'] };
    expect(resultOf(farm, 'TICPE')?.reason).toBe(
      'Le gazole non routier agricole est taxé à taux réduit à la pompe depuis le 1er juillet 2024 : il n’y a plus rien à réclamer.',
    );
  });

  it('already claimed every year: not eligible', () => {
    expect(resultOf({ ...EXAMPLE_A, TICPE_ALREADY_CLAIMED: true }, 'TICPE')).toMatchObject({
      eligible: false,
      reason: 'Vous demandez déjà ce remboursement chaque année.',
    });
  });

  it('the earliest open consumption year moves with the date, never before 2025', () => {
    expect(resultOf(EXAMPLE_A, 'TICPE', '2025-04-01')?.claimBy).toBe('2027-12-31');
    expect(resultOf(EXAMPLE_A, 'TICPE', '2028-01-01')).toMatchObject({
      claimBy: '2028-12-31',
      claimByText: 'Vos consommations 2026 peuvent être réclamées jusqu’au 31/12/2028.',
    });
  });
});

describe('DFS', () => {
  it('is not offered when it is already applied', () => {
    expect(resultOf({ ...EXAMPLE_A, DFS_APPLIED: true }, 'DFS')?.eligible).toBe(false);
  });
  it('a 0 % rate makes it not eligible, with the reason', () => {
    const catalogue = withParameter('DFS_RATE', (p) => ({
      ...p,
      periods: [{ validFrom: '2026-01-01', validTo: null, value: 0, source: { label: 'fin de la DFS' } }],
    }));
    expect(resultOf(EXAMPLE_A, 'DFS', DAY, catalogue)).toMatchObject({
      eligible: false,
      reason: 'Le taux de DFS est nul à cette date.',
    });
  });
});

describe('property tax', () => {
  it('offices or a short vacancy: eligible without an amount, no deadline', () => {
    expect(resultOf({ ...EXAMPLE_B, PREMISES_USE: 'office' }, 'PROPERTY_TAX')).toMatchObject({
      eligible: true,
      amountEuros: null,
      claimBy: null,
    });
    const { VACANT_SHARE_PERCENT: _, ...short } = EXAMPLE_B;
    expect(resultOf({ ...short, PREMISES_VACANT_MONTHS: 2 }, 'PROPERTY_TAX')?.amountEuros).toBeNull();
  });
  it('the claim is due by 31/12 of the year after the evaluation', () => {
    expect(resultOf(EXAMPLE_B, 'PROPERTY_TAX', '2027-01-02')?.claimBy).toBe('2028-12-31');
  });
});

describe('debt recovery', () => {
  it('applies the 20 % rate after 12 months', () => {
    const old = { ...EXAMPLE_B, UNPAID_AGE: 'over_12_months' };
    expect(resultOf(old, 'DEBT_RECOVERY')).toMatchObject({ amountEuros: 2_560, period: 'oneOff' });
  });
});

describe('energy', () => {
  it('gas above the reference price saves the difference', () => {
    expect(resultOf({ ...EXAMPLE_B, GAS_PRICE_PER_MWH: 55.5 }, 'GAS_SUPPLIER')).toMatchObject({
      amountEuros: 630,
      period: 'annual',
    });
  });
});

describe('products', () => {
  it('inactive products are never evaluated nor listed (CEE)', () => {
    const codes = evaluate(defaultCatalogue, EXAMPLE_A, DAY).products.map((p) => p.code);
    expect(codes).not.toContain('CEE');
    expect(codes).toHaveLength(10);
  });

  it('an active product without a rule or calculation is listed as not evaluable', () => {
    const catalogue = withProduct('CEE', (p) => ({ ...p, active: true }));
    expect(resultOf(EXAMPLE_A, 'CEE', DAY, catalogue)?.reason).toBe(
      'Ce dispositif n’est pas encore évaluable.',
    );
  });

  it('a parameter missing from the catalogue gives no made-up figure', () => {
    const catalogue = {
      ...defaultCatalogue,
      parameters: defaultCatalogue.parameters.filter((p) => p.code !== 'TRM_FLOOR'),
    };
    expect(resultOf(EXAMPLE_A, 'TICPE', DAY, catalogue)).toMatchObject({
      eligible: false,
      amountEuros: null,
    });
  });

  it('hidden answers never count, even passed unvalidated', () => {
    const result = evaluate(defaultCatalogue, { ...EXAMPLE_A, HAS_VEHICLES: false }, DAY);
    expect(result.products.filter((p) => p.eligible).map((p) => p.code)).toEqual([
      'URSSAF',
      'DFS',
      'PROPERTY_TAX',
      'ELECTRICITY_SUPPLIER',
    ]);
    expect(result.annualEuros).toBe(13_421 + 7_200);
  });
});

describe('the basis of each result', () => {
  it('names the case, rule and deadline values its French sentences were made from', () => {
    expect(resultOf(EXAMPLE_A, 'TICPE', '2026-03-01')?.basis).toEqual({
      kind: 'amount',
      case: 0,
      deadline: { year: 2025, date: '2027-12-31' },
    });
    expect(resultOf(EXAMPLE_A, 'URSSAF', '2026-03-01')?.basis).toEqual({
      kind: 'otherwise',
      deadline: { date: '2023-03-01' },
    });
    expect(resultOf({ ...EXAMPLE_A, TICPE_ALREADY_CLAIMED: true }, 'TICPE')?.basis).toEqual({
      kind: 'ineligible',
      rule: 0,
    });
    expect(resultOf({ ...EXAMPLE_A, SECTOR: 'services' }, 'DFS')?.basis).toEqual({ kind: 'condition' });
  });
});
