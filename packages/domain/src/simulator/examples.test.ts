import { describe, expect, it } from 'vitest';
import { defaultCatalogue, defaultQuestions } from './catalogue';
import { evaluate } from './evaluate';
import { WORKED_EXAMPLE_A as EXAMPLE_A, WORKED_EXAMPLE_B as EXAMPLE_B } from './examples';
import type { Answers } from './types';
import { missingAnswers, validateAnswers } from './validate';

const NNBSP = '\u202f';

/** Per product: its amount, `eligible` for a qualitative one, `no` when not eligible. */
const outcomes = (answers: Answers) =>
  Object.fromEntries(
    evaluate(defaultCatalogue, answers).products.map((p) => [
      p.code,
      p.eligible ? (p.amountEuros ?? 'eligible') : 'no',
    ]),
  );
const explanations = (answers: Answers) =>
  Object.fromEntries(
    evaluate(defaultCatalogue, answers)
      .products.filter((p) => p.eligible)
      .map((p) => [p.code, p.explanation]),
  );

describe('worked examples of the spec', () => {
  it('the examples are complete and valid questionnaires', () => {
    for (const example of [EXAMPLE_A, EXAMPLE_B]) {
      expect(validateAnswers(defaultQuestions, {}, example)).toEqual({ ok: true, answers: example });
      expect(missingAnswers(defaultQuestions, example)).toEqual([]);
    }
  });

  it('A — haulier: 159 300 €, 7 eligible', () => {
    const result = evaluate(defaultCatalogue, EXAMPLE_A);
    expect(outcomes(EXAMPLE_A)).toEqual({
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

  it('A — explains every figure with the actual numbers', () => {
    expect(explanations(EXAMPLE_A)).toEqual({
      TICPE: `5${NNBSP}000 L × 12 mois × 0,20 €/L = 12${NNBSP}000 €`,
      URSSAF: `35 salariés × 35${NNBSP}000 € × 10 % = 122${NNBSP}500 €`,
      DFS: `10 chauffeurs × 150 € × 12 mois = 18${NNBSP}000 €`,
      PROPERTY_TAX: `10${NNBSP}000 € × 20 % = 2${NNBSP}000 €`,
      ELECTRICITY_SUPPLIER: `2${NNBSP}000 € × 12 mois × 20 % = 4${NNBSP}800 €`,
      DIGITAL_TACHOGRAPH: 'Mise en conformité de votre flotte et suivi des temps de conduite, sans amende.',
      FLEET_SOFTWARE: 'Temps de conduite analysés automatiquement et infractions évitées.',
    });
  });

  it('B — consultancy: 96 300 €, 4 eligible', () => {
    const result = evaluate(defaultCatalogue, EXAMPLE_B);
    expect(outcomes(EXAMPLE_B)).toEqual({
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
    expect(explanations(EXAMPLE_B)).toEqual({
      URSSAF: `25 salariés × 35${NNBSP}000 € × 10 % = 87${NNBSP}500 €`,
      PROPERTY_TAX: `8${NNBSP}000 € × 20 % = 1${NNBSP}600 €`,
      ELECTRICITY_SUPPLIER: `2${NNBSP}200 € × 12 mois × 20 % = 5${NNBSP}280 €`,
      GAS_SUPPLIER: `800 € × 12 mois × 20 % = 1${NNBSP}920 €`,
    });
  });

  it('B — every ineligible product says which condition failed', () => {
    const reasons = Object.fromEntries(
      evaluate(defaultCatalogue, EXAMPLE_B)
        .products.filter((p) => !p.eligible)
        .map((p) => [p.code, p.reason]),
    );
    expect(reasons).toEqual({
      TICPE: 'Condition non remplie : Véhicules professionnels = oui (votre réponse : non).',
      DFS: "Condition non remplie : Secteur d'activité = Transport et logistique (votre réponse : Services aux entreprises).",
      MSA: "Condition non remplie : Secteur d'activité = Agriculture et agroalimentaire (votre réponse : Services aux entreprises).",
      DEBT_RECOVERY: 'Condition non remplie : Factures impayées de plus de 90 jours > 0 (votre réponse : 0).',
      DIGITAL_TACHOGRAPH:
        'Condition non remplie : Types de véhicules inclut Camions de 3,5 à 7,5 t ou Camions de plus de 7,5 t ou Autocars et autobus (votre réponse : non renseigné).',
      FLEET_SOFTWARE:
        "Condition non remplie : Secteur d'activité = Transport et logistique (votre réponse : Services aux entreprises).",
    });
  });

  describe('C — bad input', () => {
    it('refuses DRIVERS 10 000 with EMPLOYEES 35', () => {
      expect(validateAnswers(defaultQuestions, {}, { ...EXAMPLE_A, DRIVERS: 10_000 })).toEqual({
        ok: false,
        errors: [
          { question: 'DRIVERS', message: 'La valeur ne peut pas dépasser le nombre de salariés (35).' },
        ],
      });
    });

    it.each([
      [-1, `La valeur doit être au moins 0.`],
      [2.5, 'Indiquez un nombre entier.'],
      ['beaucoup', 'Indiquez un nombre.'],
    ])('refuses FUEL_LITRES_PER_MONTH = %j', (value, message) => {
      expect(validateAnswers(defaultQuestions, EXAMPLE_A, { FUEL_LITRES_PER_MONTH: value })).toEqual({
        ok: false,
        errors: [{ question: 'FUEL_LITRES_PER_MONTH', message }],
      });
    });

    it('refuses PROPERTY_TAX when OWNS_PREMISES = no, saved earlier or in the same request', () => {
      const hidden = {
        ok: false,
        errors: [
          {
            question: 'PROPERTY_TAX',
            message: 'Cette question ne s’applique pas compte tenu de vos autres réponses.',
          },
        ],
      };
      expect(validateAnswers(defaultQuestions, {}, { OWNS_PREMISES: false, PROPERTY_TAX: 1_000 })).toEqual(
        hidden,
      );
      expect(validateAnswers(defaultQuestions, { OWNS_PREMISES: false }, { PROPERTY_TAX: 1_000 })).toEqual(
        hidden,
      );
    });
  });
});
