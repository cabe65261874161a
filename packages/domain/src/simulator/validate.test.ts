import { describe, expect, it } from 'vitest';
import { defaultQuestions } from './catalogue';
import { WORKED_EXAMPLE_A as EXAMPLE_A } from './examples';
import type { Answers } from './types';
import { dropHiddenAnswers, missingAnswers, validateAnswers, visibleQuestions } from './validate';

const NNBSP = '\u202f';
const check = (patch: Record<string, unknown>, current: Answers = {}) =>
  validateAnswers(defaultQuestions, current, patch);
const refusal = (question: string, message: string) => ({ ok: false, errors: [{ question, message }] });

/** The answers each conditional question needs to be shown. */
const context: Record<string, Answers> = {
  PROPERTY_TAX: { OWNS_PREMISES: true },
  ELECTRICITY_MONTHLY_BILL: { HAS_ELECTRICITY_CONTRACT: true },
  GAS_MONTHLY_BILL: { HAS_GAS_CONTRACT: true },
  VEHICLE_TYPES: { HAS_VEHICLES: true },
  FUEL_LITRES_PER_MONTH: { HAS_VEHICLES: true },
  DRIVERS: { HAS_VEHICLES: true },
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
    expect(vehicles.ok && Object.keys(vehicles.answers)).not.toContain('DRIVERS');
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

describe('bounds of every number question', () => {
  const n = (text: string) => text.replaceAll(' ', NNBSP);
  const bounds: [code: string, min: number, max: number, maxText: string][] = [
    ['ANNUAL_TURNOVER', 0, 10_000_000_000, n('10 000 000 000')],
    ['EMPLOYEES', 0, 100_000, n('100 000')],
    ['PROPERTY_TAX', 0, 100_000_000, n('100 000 000')],
    ['UNPAID_INVOICES', 0, 1_000_000_000, n('1 000 000 000')],
    ['ELECTRICITY_MONTHLY_BILL', 0, 10_000_000, n('10 000 000')],
    ['GAS_MONTHLY_BILL', 0, 10_000_000, n('10 000 000')],
    ['FUEL_LITRES_PER_MONTH', 0, 10_000_000, n('10 000 000')],
    ['DRIVERS', 0, 100_000, n('100 000')],
  ];

  it('covers every number question of the catalogue', () => {
    const numeric = defaultQuestions.filter((q) => q.type === 'amount' || q.type === 'integer');
    expect(numeric.map((q) => [q.code, q.min, q.max])).toEqual(
      bounds.map(([code, min, max]) => [code, min, max]),
    );
  });

  it.each(bounds)('%s: %d – %d', (code, min, max, maxText) => {
    // DRIVERS is also capped by EMPLOYEES; give it room so only its own bounds are at stake.
    const base = { ...context[code], ...(code === 'DRIVERS' ? { EMPLOYEES: 100_000 } : {}) };
    expect(check({ [code]: min }, base).ok).toBe(true);
    expect(check({ [code]: max }, base).ok).toBe(true);
    expect(check({ [code]: min - 1 }, base)).toEqual(refusal(code, `La valeur doit être au moins ${min}.`));
    expect(check({ [code]: max + 1 }, base)).toEqual(
      refusal(code, `La valeur doit être au plus ${maxText}.`),
    );
  });
});

describe('drivers are at most the employees', () => {
  const base = { EMPLOYEES: 35, HAS_VEHICLES: true };

  it('accepts as many drivers as employees', () => {
    expect(check({ DRIVERS: 35 }, base).ok).toBe(true);
  });

  it('refuses one more, in either order of answering', () => {
    const message = 'La valeur ne peut pas dépasser le nombre de salariés (35).';
    expect(check({ DRIVERS: 36 }, base)).toEqual(refusal('DRIVERS', message));
    expect(check({ EMPLOYEES: 35 }, { HAS_VEHICLES: true, EMPLOYEES: 50, DRIVERS: 40 })).toEqual(
      refusal('DRIVERS', message),
    );
  });

  it('waits for the number of employees before comparing', () => {
    expect(check({ DRIVERS: 36 }, { HAS_VEHICLES: true }).ok).toBe(true);
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
    expect(codes({ HAS_VEHICLES: true })).toContain('DRIVERS');
    expect(codes(EXAMPLE_A)).toHaveLength(13);
  });

  it('lists the visible questions still unanswered, in order', () => {
    expect(missingAnswers(defaultQuestions, EXAMPLE_A)).toEqual([]);
    const { PROPERTY_TAX: _, ...withoutPropertyTax } = EXAMPLE_A;
    expect(missingAnswers(defaultQuestions, withoutPropertyTax)).toEqual(['PROPERTY_TAX']);
    expect(missingAnswers(defaultQuestions, { HAS_VEHICLES: true, SECTOR: 'other' }).slice(-3)).toEqual([
      'VEHICLE_TYPES',
      'FUEL_LITRES_PER_MONTH',
      'DRIVERS',
    ]);
    expect(missingAnswers(defaultQuestions, { HAS_VEHICLES: false })).not.toContain('DRIVERS');
  });
});
