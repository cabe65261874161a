import { describe, expect, it } from 'vitest';
import { defaultCatalogue, defaultQuestions } from './catalogue';
import { evaluate } from './evaluate';
import { WORKED_EXAMPLE_A as EXAMPLE_A, WORKED_EXAMPLE_B as EXAMPLE_B } from './examples';
import { ruleHolds } from './rules';
import type { Answers, Catalogue, RuleNode } from './types';
import { missingAnswers, validateAnswers } from './validate';

const NNBSP = '\u202f';

const amounts = (answers: Answers) =>
  Object.fromEntries(
    evaluate(defaultCatalogue, answers).products.map((p) => [
      p.code,
      p.eligible ? (p.amountEuros ?? 'eligible') : 'no',
    ]),
  );

describe('worked examples of the spec', () => {
  it('A — haulier: 159 300 €, 7 eligible', () => {
    const result = evaluate(defaultCatalogue, EXAMPLE_A);
    expect(amounts(EXAMPLE_A)).toEqual({
      TICPE: 12_000,
      URSSAF: 122_500,
      DFS: 18_000,
      PROPERTY_TAX: 2_000,
      MSA: 'no',
      DEBT_RECOVERY: 'no',
      ELECTRICITY_SUPPLIER: 4_800,
      GAS_SUPPLIER: 'no',
      DIGITAL_TACHOGRAPH: 'eligible',
      FLEET_SOFTWARE: 'eligible',
    });
    expect(result.totalEuros).toBe(159_300);
    expect(result.eligibleCount).toBe(7);
  });

  it('B — consultancy: 96 300 €, 4 eligible', () => {
    const result = evaluate(defaultCatalogue, EXAMPLE_B);
    expect(amounts(EXAMPLE_B)).toEqual({
      TICPE: 'no',
      URSSAF: 87_500,
      DFS: 'no',
      PROPERTY_TAX: 1_600,
      MSA: 'no',
      DEBT_RECOVERY: 'no',
      ELECTRICITY_SUPPLIER: 5_280,
      GAS_SUPPLIER: 1_920,
      DIGITAL_TACHOGRAPH: 'no',
      FLEET_SOFTWARE: 'no',
    });
    expect(result.totalEuros).toBe(96_300);
    expect(result.eligibleCount).toBe(4);
  });

  it('C — refuses drivers above employees, a bad litre count, and an answer to a hidden question', () => {
    const drivers = validateAnswers(defaultQuestions, {}, { ...EXAMPLE_A, DRIVERS: 10_000 });
    expect(drivers).toMatchObject({ ok: false, errors: [{ question: 'DRIVERS' }] });
    for (const bad of [-1, 2.5, 'beaucoup']) {
      const result = validateAnswers(defaultQuestions, EXAMPLE_A, { FUEL_LITRES_PER_MONTH: bad });
      expect(result, String(bad)).toMatchObject({
        ok: false,
        errors: [{ question: 'FUEL_LITRES_PER_MONTH' }],
      });
    }
    const hidden = validateAnswers(defaultQuestions, {}, { OWNS_PREMISES: false, PROPERTY_TAX: 1_000 });
    expect(hidden).toMatchObject({ ok: false, errors: [{ question: 'PROPERTY_TAX' }] });
  });
});

describe('explanations and reasons', () => {
  it('shows the formula with the actual numbers', () => {
    const byCode = Object.fromEntries(evaluate(defaultCatalogue, EXAMPLE_A).products.map((p) => [p.code, p]));
    expect(byCode.TICPE?.explanation).toBe(`5${NNBSP}000 L × 12 mois × 0,20 €/L = 12${NNBSP}000 €`);
    expect(byCode.URSSAF?.explanation).toBe(`35 salariés × 35${NNBSP}000 € × 10 % = 122${NNBSP}500 €`);
    expect(byCode.PROPERTY_TAX?.explanation).toBe(`10${NNBSP}000 € × 20 % = 2${NNBSP}000 €`);
    expect(byCode.DIGITAL_TACHOGRAPH?.explanation).toContain('conformité');
  });

  it('says which condition failed for an ineligible product', () => {
    const byCode = Object.fromEntries(evaluate(defaultCatalogue, EXAMPLE_B).products.map((p) => [p.code, p]));
    expect(byCode.MSA?.reason).toBe(
      "Condition non remplie : Secteur d'activité = Agriculture et agroalimentaire (votre réponse : Services aux entreprises).",
    );
    expect(byCode.TICPE?.reason).toContain('Véhicules professionnels = oui (votre réponse : non)');
    const transport = evaluate(defaultCatalogue, { ...EXAMPLE_B, SECTOR: 'transport' }).products.find(
      (p) => p.code === 'DFS',
    );
    expect(transport?.reason).toBe(
      'Condition non remplie : Nombre de chauffeurs ≥ 1 (votre réponse : non renseigné).',
    );
  });

  it('never evaluates an inactive product', () => {
    expect(evaluate(defaultCatalogue, EXAMPLE_A).products.map((p) => p.code)).not.toContain('CEE');
    const catalogue: Catalogue = {
      ...defaultCatalogue,
      products: defaultCatalogue.products.map((p) => (p.code === 'URSSAF' ? { ...p, active: false } : p)),
    };
    expect(evaluate(catalogue, EXAMPLE_A).totalEuros).toBe(159_300 - 122_500);
  });

  it('treats a computed amount of zero as not eligible', () => {
    const catalogue: Catalogue = {
      ...defaultCatalogue,
      products: defaultCatalogue.products.map((p) =>
        p.code === 'TICPE' ? { ...p, params: { ...p.params, refundPerLitre: 0 } } : p,
      ),
    };
    const ticpe = evaluate(catalogue, EXAMPLE_A).products.find((p) => p.code === 'TICPE');
    expect(ticpe).toMatchObject({ eligible: false, amountEuros: 0 });
  });

  it('uses the parameters of the catalogue it is given', () => {
    const catalogue: Catalogue = {
      ...defaultCatalogue,
      products: defaultCatalogue.products.map((p) =>
        p.code === 'PROPERTY_TAX' ? { ...p, params: { rate: 0.25 } } : p,
      ),
    };
    expect(evaluate(catalogue, EXAMPLE_A).products.find((p) => p.code === 'PROPERTY_TAX')?.amountEuros).toBe(
      2_500,
    );
  });
});

describe('rules', () => {
  const answers: Answers = { N: 5, S: 'a', M: ['x', 'y'], B: true };
  const leaf = (question: string, op: string, value: unknown): RuleNode =>
    ({ question, op, value }) as RuleNode;
  it.each([
    [leaf('S', 'equals', 'a'), true],
    [leaf('S', 'equals', 'b'), false],
    [leaf('S', 'not_equals', 'b'), true],
    [leaf('M', 'includes_any', ['z', 'y']), true],
    [leaf('M', 'includes_any', ['z']), false],
    [leaf('N', 'gt', 5), false],
    [leaf('N', 'gte', 5), true],
    [leaf('N', 'lt', 6), true],
    [leaf('N', 'lte', 4), false],
    [{ all: [leaf('B', 'equals', true), leaf('N', 'gt', 1)] }, true],
    [{ all: [leaf('B', 'equals', true), leaf('N', 'gt', 9)] }, false],
    [{ any: [leaf('N', 'gt', 9), leaf('S', 'equals', 'a')] }, true],
  ])('%j → %s', (rule, expected) => {
    expect(ruleHolds(rule, answers)).toBe(expected);
  });

  it('treats a missing answer as false for every operator, even not_equals', () => {
    for (const op of ['equals', 'not_equals', 'includes_any', 'gt', 'gte', 'lt', 'lte']) {
      expect(ruleHolds(leaf('MISSING', op, 1), answers), op).toBe(false);
    }
  });
});

describe('answers', () => {
  it('merges drafts and drops answers to questions that become hidden', () => {
    const first = validateAnswers(defaultQuestions, {}, { OWNS_PREMISES: true, PROPERTY_TAX: 5_000 });
    expect(first).toEqual({ ok: true, answers: { OWNS_PREMISES: true, PROPERTY_TAX: 5_000 } });
    const second = validateAnswers(defaultQuestions, first.ok ? first.answers : {}, { OWNS_PREMISES: false });
    expect(second).toEqual({ ok: true, answers: { OWNS_PREMISES: false } });
  });

  it.each([
    ['UNKNOWN', 1],
    ['SECTOR', 'mining'],
    ['SECTOR', 3],
    ['EMPLOYEES', 1.5],
    ['EMPLOYEES', 100_001],
    ['ANNUAL_TURNOVER', -5],
    ['ANNUAL_TURNOVER', 10.001],
    ['OWNS_PREMISES', 'oui'],
  ])('refuses %s = %j and names the question', (code, value) => {
    const result = validateAnswers(defaultQuestions, {}, { [code]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.question)).toEqual([code]);
  });

  it('refuses an empty or unknown vehicle type list', () => {
    for (const value of [[], ['rocket'], ['light', 'light']]) {
      const result = validateAnswers(defaultQuestions, { HAS_VEHICLES: true }, { VEHICLE_TYPES: value });
      expect(result.ok, JSON.stringify(value)).toBe(false);
    }
  });

  it('lists the visible questions still unanswered', () => {
    expect(missingAnswers(defaultQuestions, EXAMPLE_A)).toEqual([]);
    expect(missingAnswers(defaultQuestions, { HAS_VEHICLES: true })).toContain('DRIVERS');
    expect(missingAnswers(defaultQuestions, { HAS_VEHICLES: false })).not.toContain('DRIVERS');
  });
});
