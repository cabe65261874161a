import { describe, expect, it } from 'vitest';
import { defaultCatalogue, defaultParameters, defaultQuestions } from './catalogue';
import { evaluate } from './evaluate';
import {
  EXAMPLE_EVALUATION_DAY as DAY,
  WORKED_EXAMPLE_A as EXAMPLE_A,
  WORKED_EXAMPLE_B as EXAMPLE_B,
  WORKED_EXAMPLE_C_ERRORS,
} from './examples';
import type { Answers } from './types';
import { missingAnswers, validateAnswers } from './validate';

const NNBSP = '\u202f';
const n = (text: string) => text.replace(/(\d) (?=\d)/g, `$1${NNBSP}`);

/** Per product: its amount and period, `eligible` without an amount, `no` when not eligible. */
const outcomes = (answers: Answers) =>
  Object.fromEntries(
    evaluate(defaultCatalogue, answers, DAY).products.map((p) => [
      p.code,
      p.eligible ? (p.amountEuros === null ? 'eligible' : `${p.amountEuros} ${p.period}`) : 'no',
    ]),
  );
const product = (answers: Answers, code: string) =>
  evaluate(defaultCatalogue, answers, DAY).products.find((p) => p.code === code);

describe('worked examples of spec/simulator-v2.md (evaluated on 01/12/2026)', () => {
  it('the examples are complete and valid questionnaires', () => {
    for (const example of [EXAMPLE_A, EXAMPLE_B]) {
      const context = { parameters: defaultParameters, day: DAY };
      expect(validateAnswers(defaultQuestions, {}, example, context)).toEqual({ ok: true, answers: example });
      expect(missingAnswers(defaultQuestions, example)).toEqual([]);
    }
  });

  it('A — haulier: 67 301 € a year, 0 € one-off, 7 eligible', () => {
    expect(outcomes(EXAMPLE_A)).toEqual({
      TICPE: '46680 annual',
      URSSAF: 'eligible',
      DFS: '13421 annual',
      PROPERTY_TAX: 'eligible',
      MSA: 'no',
      DEBT_RECOVERY: 'no',
      ELECTRICITY_SUPPLIER: '7200 annual',
      GAS_SUPPLIER: 'no',
      DIGITAL_TACHOGRAPH: 'eligible',
      FLEET_SOFTWARE: 'eligible',
    });
    expect(evaluate(defaultCatalogue, EXAMPLE_A, DAY)).toMatchObject({
      evaluatedOn: '2026-12-01',
      annualEuros: 67_301,
      oneOffEuros: 0,
      eligibleCount: 7,
    });
  });

  it('A — every figure is explained with its numbers, the parameter’s year and source', () => {
    const ticpe = product(EXAMPLE_A, 'TICPE');
    expect(ticpe?.explanation).toContain(
      n('300 000 L × 15,56 €/hl (tarif gazole 2026, DREAL ; plancher TRM 2020'),
    );
    expect(ticpe?.explanation).toContain(n('= 46 680 € par an.'));
    expect(ticpe?.explanation).toContain('DGFiP avec la déclaration de TVA (annexe 3310-TIC)');
    expect(ticpe).toMatchObject({
      claimBy: '2027-12-31',
      claimByText: 'Vos consommations 2025 peuvent être réclamées jusqu’au 31/12/2027.',
    });
    expect(ticpe?.sources.map((s) => s.short)).toEqual(['DREAL', 'loi de finances 2020', 'décret 2025-255']);
    expect(product(EXAMPLE_A, 'DFS')?.explanation).toBe(
      n(
        '10 chauffeurs × 1 500 € (économie par chauffeur 2024, L’Officiel des Transporteurs) × 17 % (taux DFS 2026, BOSS, trajectoire) ÷ 19 % (taux de référence) = 13 421 € par an. La DFS du transport routier baisse d’un point par an jusqu’à 0 % en 2035.',
      ),
    );
    expect(product(EXAMPLE_A, 'ELECTRICITY_SUPPLIER')?.explanation).toContain(
      n(
        '120 MWh × max(0, 160,00 €/MWh − 100,00 €/MWh (prix de référence 2026, hypothèse de la plateforme)) = 7 200 € par an.',
      ),
    );
    expect(product(EXAMPLE_A, 'URSSAF')).toMatchObject({
      amountEuros: null,
      period: null,
      claimBy: null,
      claimByText:
        'Les cotisations versées avant le 01/12/2023 sont prescrites (CSS art. L243-6) : chaque mois qui passe en fait perdre un.',
    });
  });

  it('B — consultancy: 2 000 € a year, 11 160 € one-off, 4 eligible', () => {
    expect(outcomes(EXAMPLE_B)).toEqual({
      TICPE: 'no',
      URSSAF: 'eligible',
      DFS: 'no',
      PROPERTY_TAX: '2000 oneOff',
      MSA: 'no',
      DEBT_RECOVERY: '9160 oneOff',
      ELECTRICITY_SUPPLIER: '2000 annual',
      GAS_SUPPLIER: 'no',
      DIGITAL_TACHOGRAPH: 'no',
      FLEET_SOFTWARE: 'no',
    });
    expect(evaluate(defaultCatalogue, EXAMPLE_B, DAY)).toMatchObject({
      annualEuros: 2_000,
      oneOffEuros: 11_160,
      eligibleCount: 4,
    });
  });

  it('B — explanations, the vacancy deadline and why gas is not eligible', () => {
    expect(product(EXAMPLE_B, 'PROPERTY_TAX')).toMatchObject({
      explanation: n(
        '8 000 € × 50 % × 6 mois ÷ 12 mois = 2 000 €. Dégrèvement pour vacance d’un local commercial ou industriel (CGI art. 1389).',
      ),
      claimBy: '2027-12-31',
    });
    expect(product(EXAMPLE_B, 'DEBT_RECOVERY')?.explanation).toBe(
      n(
        '12 000 € × 75 % (taux de recouvrement à moins de 12 mois, FIGEC) + 4 factures × 40 € (indemnité forfaitaire par facture, C. com. D441-5) = 9 160 €.',
      ),
    );
    expect(product(EXAMPLE_B, 'GAS_SUPPLIER')).toMatchObject({
      eligible: false,
      reason: 'Votre prix est déjà sous le prix de référence.',
    });
  });

  it.each(WORKED_EXAMPLE_C_ERRORS)('C — $question refused: $patch', ({ base, patch, question }) => {
    const outcome = validateAnswers(defaultQuestions, base, patch, {
      parameters: defaultParameters,
      day: DAY,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok || outcome.errors.map((error) => error.question)).toEqual([question]);
  });

  it('C — the litres bound is said in words', () => {
    const [litres] = WORKED_EXAMPLE_C_ERRORS;
    const outcome =
      litres &&
      validateAnswers(defaultQuestions, litres.base, litres.patch, {
        parameters: defaultParameters,
        day: DAY,
      });
    expect(outcome && !outcome.ok && outcome.errors[0]?.message).toBe(
      n('Plus de 60 000 L par véhicule et par an (700 000 L pour 10 véhicules) : vérifiez le chiffre.'),
    );
  });
});
