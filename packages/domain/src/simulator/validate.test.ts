import { describe, expect, it } from 'vitest';
import { defaultParameters, defaultQuestions } from './catalogue';
import { WORKED_EXAMPLE_A as EXAMPLE_A, EXAMPLE_EVALUATION_DAY } from './examples';
import type { Answers } from './types';
import { dropHiddenAnswers, missingAnswers, validateAnswers, visibleQuestions } from './validate';

const NNBSP = '\u202f';
const check = (patch: Record<string, unknown>, current: Answers = {}) =>
  validateAnswers(defaultQuestions, current, patch, {
    parameters: defaultParameters,
    day: EXAMPLE_EVALUATION_DAY,
  });
const refusal = (question: string, message: string) => ({ ok: false, errors: [{ question, message }] });

/** The answers each conditional question needs to be shown. */
const context: Record<string, Answers> = {
  PROPERTY_TAX: { OWNS_PREMISES: true },
  PREMISES_VACANT_MONTHS: { OWNS_PREMISES: true },
  VACANT_SHARE_PERCENT: { OWNS_PREMISES: true, PREMISES_VACANT_MONTHS: 3 },
  UNPAID_INVOICE_COUNT: { UNPAID_INVOICES: 1 },
  ELECTRICITY_MWH_PER_YEAR: { HAS_ELECTRICITY_CONTRACT: true },
  ELECTRICITY_PRICE_PER_MWH: { HAS_ELECTRICITY_CONTRACT: true },
  GAS_MWH_PER_YEAR: { HAS_GAS_CONTRACT: true },
  GAS_PRICE_PER_MWH: { HAS_GAS_CONTRACT: true },
  VEHICLE_TYPES: { HAS_VEHICLES: true },
  HEAVY_VEHICLES: { HAS_VEHICLES: true, VEHICLE_TYPES: ['truck_over_7_5'] },
  FUEL_LITRES_HEAVY_PER_YEAR: {
    HAS_VEHICLES: true,
    VEHICLE_TYPES: ['truck_over_7_5'],
    HEAVY_VEHICLES: 10_000,
  },
  COACHES: { HAS_VEHICLES: true, VEHICLE_TYPES: ['coach'] },
  FUEL_LITRES_COACH_PER_YEAR: { HAS_VEHICLES: true, VEHICLE_TYPES: ['coach'], COACHES: 10_000 },
  LONG_DISTANCE_DRIVERS: { SECTOR: 'transport', EMPLOYEES: 100_000 },
};

describe('merging answers', () => {
  it('merges a draft with the saved answers', () => {
    expect(check({ EMPLOYEES: 3 }, { SECTOR: 'retail' })).toEqual({
      ok: true,
      answers: { SECTOR: 'retail', EMPLOYEES: 3 },
    });
  });

  it('drops answers to questions that become hidden', () => {
    const first = check({ OWNS_PREMISES: true, PROPERTY_TAX: 5_000 });
    expect(first).toEqual({ ok: true, answers: { OWNS_PREMISES: true, PROPERTY_TAX: 5_000 } });
    expect(check({ OWNS_PREMISES: false }, { OWNS_PREMISES: true, PROPERTY_TAX: 5_000 })).toEqual({
      ok: true,
      answers: { OWNS_PREMISES: false },
    });
    const vehicles = check({ HAS_VEHICLES: false }, EXAMPLE_A);
    expect(vehicles.ok && Object.keys(vehicles.answers)).not.toContain('HEAVY_VEHICLES');
    expect(vehicles.ok && Object.keys(vehicles.answers)).not.toContain('VEHICLE_TYPES');
  });

  it('drops hidden answers in cascade, whatever the order of the questions', () => {
    const chain = [
      {
        code: 'C',
        text: 'C ?',
        label: 'C',
        type: 'integer' as const,
        showWhen: { question: 'B', op: 'gt' as const, value: 0 },
      },
      { code: 'A', text: 'A ?', label: 'A', type: 'boolean' as const },
      {
        code: 'B',
        text: 'B ?',
        label: 'B',
        type: 'integer' as const,
        showWhen: { question: 'A', op: 'equals' as const, value: true },
      },
    ];
    expect(dropHiddenAnswers(chain, { A: false, B: 1, C: 1 })).toEqual({ A: false });
  });

  it('reports every bad answer of a request at once', () => {
    const result = check({ SECTOR: 'mining', EMPLOYEES: -1, NOPE: 1 });
    expect(result.ok || result.errors.map((error) => error.question)).toEqual([
      'SECTOR',
      'EMPLOYEES',
      'NOPE',
    ]);
  });
});

describe('refusals name the question, in French', () => {
  it.each([
    ['UNKNOWN', 1, 'Cette question n’existe pas.'],
    [
      'SECTOR',
      'mining',
      'Choisissez une des options proposées (transport, agriculture, construction, industry, retail, services, hospitality, health, other).',
    ],
    [
      'SECTOR',
      3,
      'Choisissez une des options proposées (transport, agriculture, construction, industry, retail, services, hospitality, health, other).',
    ],
    ['OWNS_PREMISES', 'oui', 'Répondez par oui (true) ou non (false).'],
    ['OWNS_PREMISES', 1, 'Répondez par oui (true) ou non (false).'],
    ['EMPLOYEES', 1.5, 'Indiquez un nombre entier.'],
    ['EMPLOYEES', '12', 'Indiquez un nombre.'],
    ['EMPLOYEES', null, 'Indiquez un nombre.'],
    ['EMPLOYEES', Number.NaN, 'Indiquez un nombre.'],
    ['ANNUAL_TURNOVER', Number.POSITIVE_INFINITY, 'Indiquez un nombre.'],
    ['ANNUAL_TURNOVER', 10.001, 'Indiquez un montant au centime près.'],
    ['UNPAID_INVOICES', true, 'Indiquez un nombre.'],
  ])('%s = %j', (code, value, message) => {
    expect(check({ [code]: value })).toEqual(refusal(code, message));
  });

  it('accepts amounts to the cent, whatever their binary noise', () => {
    for (const value of [0.29, 10.01, 1234.56, 9_999_999_999.99]) {
      expect(check({ ANNUAL_TURNOVER: value }), String(value)).toEqual({
        ok: true,
        answers: { ANNUAL_TURNOVER: value },
      });
    }
  });

  it.each([
    [[], 'Choisissez au moins une option.'],
    ['truck_over_7_5', 'Choisissez au moins une option.'],
    [['rocket'], 'Option inconnue : rocket.'],
    [['light', 42], 'Option inconnue : 42.'],
    [['light', 'light'], 'Chaque option ne peut être choisie qu’une fois.'],
  ])('VEHICLE_TYPES = %j', (value, message) => {
    expect(check({ VEHICLE_TYPES: value }, { HAS_VEHICLES: true })).toEqual(
      refusal('VEHICLE_TYPES', message),
    );
  });
});

describe('bounds of every number question, said in words', () => {
  const n = (text: string) => text.replace(/(\d) (?=\d)/g, `$1${NNBSP}`);
  const bounds: [code: string, min: number, max: number, text: string][] = [
    ['ANNUAL_TURNOVER', 0, 10_000_000_000, n('entre 0 et 10 000 000 000 €')],
    ['EMPLOYEES', 0, 100_000, n('entre 0 et 100 000 salariés')],
    ['PROPERTY_TAX', 0, 100_000_000, n('entre 0 et 100 000 000 €')],
    ['PREMISES_VACANT_MONTHS', 0, 12, 'entre 0 et 12 mois'],
    ['VACANT_SHARE_PERCENT', 1, 100, 'entre 1 et 100 %'],
    ['UNPAID_INVOICES', 0, 1_000_000_000, n('entre 0 et 1 000 000 000 €')],
    ['UNPAID_INVOICE_COUNT', 1, 100_000, n('entre 1 et 100 000 factures')],
    ['ELECTRICITY_MWH_PER_YEAR', 0.1, 1_000_000, n('entre 0,1 et 1 000 000 MWh')],
    ['ELECTRICITY_PRICE_PER_MWH', 1, 2_000, n('entre 1 et 2 000 €/MWh')],
    ['GAS_MWH_PER_YEAR', 0.1, 1_000_000, n('entre 0,1 et 1 000 000 MWh')],
    ['GAS_PRICE_PER_MWH', 1, 2_000, n('entre 1 et 2 000 €/MWh')],
    ['HEAVY_VEHICLES', 1, 10_000, n('entre 1 et 10 000 véhicules')],
    ['FUEL_LITRES_HEAVY_PER_YEAR', 1, 600_000_000, n('entre 1 et 600 000 000 L')],
    ['COACHES', 1, 10_000, n('entre 1 et 10 000 véhicules')],
    ['FUEL_LITRES_COACH_PER_YEAR', 1, 600_000_000, n('entre 1 et 600 000 000 L')],
    ['LONG_DISTANCE_DRIVERS', 0, 100_000, n('entre 0 et 100 000 chauffeurs')],
  ];

  it('covers every number question of the catalogue', () => {
    const numeric = defaultQuestions.filter((q) => ['amount', 'integer', 'number'].includes(q.type));
    expect(numeric.map((q) => [q.code, q.min, q.max])).toEqual(
      bounds.map(([code, min, max]) => [code, min, max]),
    );
  });

  it.each(bounds)('%s: %d – %d', (code, min, max, text) => {
    const base = context[code] ?? {};
    const step = Number.isInteger(min) ? 1 : 0.1;
    expect(check({ [code]: min }, base).ok).toBe(true);
    expect(check({ [code]: max }, base).ok).toBe(true);
    expect(check({ [code]: min - step }, base)).toEqual(refusal(code, `Indiquez une valeur ${text}.`));
    expect(check({ [code]: max + 1 }, base)).toEqual(refusal(code, `Indiquez une valeur ${text}.`));
  });
});

describe('drivers are at most the employees', () => {
  const base = { SECTOR: 'transport', EMPLOYEES: 35 };

  it('accepts as many drivers as employees', () => {
    expect(check({ LONG_DISTANCE_DRIVERS: 35 }, base).ok).toBe(true);
  });

  it('refuses one more, in either order of answering', () => {
    const message = 'La valeur ne peut pas dépasser le nombre de salariés (35).';
    expect(check({ LONG_DISTANCE_DRIVERS: 36 }, base)).toEqual(refusal('LONG_DISTANCE_DRIVERS', message));
    expect(check({ EMPLOYEES: 35 }, { ...base, EMPLOYEES: 50, LONG_DISTANCE_DRIVERS: 40 })).toEqual(
      refusal('LONG_DISTANCE_DRIVERS', message),
    );
  });
});

describe('litres are at most 60 000 L per vehicle and per year', () => {
  const trucks = { HAS_VEHICLES: true, VEHICLE_TYPES: ['truck_over_7_5'], HEAVY_VEHICLES: 10 };

  it('accepts 60 000 L per vehicle, refuses more, saying the bound in words', () => {
    expect(check({ FUEL_LITRES_HEAVY_PER_YEAR: 600_000 }, trucks).ok).toBe(true);
    expect(check({ FUEL_LITRES_HEAVY_PER_YEAR: 600_001 }, trucks)).toEqual(
      refusal(
        'FUEL_LITRES_HEAVY_PER_YEAR',
        `Plus de 60${NNBSP}000 L par véhicule et par an (600${NNBSP}001 L pour 10 véhicules) : vérifiez le chiffre.`,
      ),
    );
  });

  it('applies to coaches too, and rechecks when the number of vehicles changes', () => {
    const coaches = {
      HAS_VEHICLES: true,
      VEHICLE_TYPES: ['coach'],
      COACHES: 2,
      FUEL_LITRES_COACH_PER_YEAR: 100_000,
    };
    expect(check({ COACHES: 1 }, coaches).ok).toBe(false);
    expect(check({ COACHES: 2 }, coaches).ok).toBe(true);
  });
});

describe('visible and missing questions', () => {
  it('shows follow-up questions only when their condition holds', () => {
    const codes = (answers: Answers) => visibleQuestions(defaultQuestions, answers).map((q) => q.code);
    expect(codes({})).toEqual([
      'SECTOR',
      'ANNUAL_TURNOVER',
      'EMPLOYEES',
      'OWNS_PREMISES',
      'UNPAID_INVOICES',
      'HAS_ELECTRICITY_CONTRACT',
      'HAS_GAS_CONTRACT',
      'HAS_VEHICLES',
    ]);
    expect(codes({ HAS_VEHICLES: true })).toContain('VEHICLE_TYPES');
    expect(codes({ HAS_VEHICLES: true })).not.toContain('HEAVY_VEHICLES');
    expect(codes({ SECTOR: 'transport', EMPLOYEES: 0 })).not.toContain('LONG_DISTANCE_DRIVERS');
    expect(codes(EXAMPLE_A)).toHaveLength(Object.keys(EXAMPLE_A).length);
  });

  it('lists the visible questions still unanswered, in order', () => {
    expect(missingAnswers(defaultQuestions, EXAMPLE_A)).toEqual([]);
    const { PROPERTY_TAX: _, ...withoutPropertyTax } = EXAMPLE_A;
    expect(missingAnswers(defaultQuestions, withoutPropertyTax)).toEqual(['PROPERTY_TAX']);
    expect(
      missingAnswers(defaultQuestions, {
        HAS_VEHICLES: true,
        VEHICLE_TYPES: ['coach'],
        SECTOR: 'other',
      }).slice(-3),
    ).toEqual(['COACHES', 'FUEL_LITRES_COACH_PER_YEAR', 'TICPE_ALREADY_CLAIMED']);
  });
});
