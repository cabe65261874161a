import { describe, expect, it } from 'vitest';
import { defaultCatalogue, defaultProducts, defaultQuestions } from './catalogue';
import { catalogueProblems } from './check';
import type { Catalogue } from './types';

describe('default catalogue', () => {
  it('is plain JSON, so the database can be seeded with it as it is', () => {
    expect(JSON.parse(JSON.stringify(defaultCatalogue))).toEqual(defaultCatalogue);
  });

  it('is consistent: rules, conditions, caps and formulas only use known questions and parameters', () => {
    expect(catalogueProblems(defaultCatalogue)).toEqual([]);
  });

  it('asks the fourteen questions of the spec, in order, with their French texts', () => {
    expect(defaultQuestions.map((q) => [q.code, q.type, q.text])).toEqual([
      ['SECTOR', 'single_choice', "Quel est le secteur d'activité de votre entreprise ?"],
      ['ANNUAL_TURNOVER', 'amount', "Quel est votre chiffre d'affaires annuel ?"],
      ['EMPLOYEES', 'integer', 'Combien de salariés employez-vous ?'],
      ['OWNS_PREMISES', 'boolean', 'Êtes-vous propriétaire de vos locaux professionnels ?'],
      ['PROPERTY_TAX', 'amount', 'Quel est le montant annuel de votre taxe foncière ?'],
      [
        'UNPAID_INVOICES',
        'amount',
        'Quel est le montant total de vos factures impayées depuis plus de 90 jours ? (0 si aucune)',
      ],
      ['HAS_ELECTRICITY_CONTRACT', 'boolean', "Avez-vous un contrat d'électricité professionnel ?"],
      ['ELECTRICITY_MONTHLY_BILL', 'amount', "Montant mensuel moyen de vos factures d'électricité ?"],
      ['HAS_GAS_CONTRACT', 'boolean', 'Avez-vous un contrat de gaz professionnel ?'],
      ['GAS_MONTHLY_BILL', 'amount', 'Montant mensuel moyen de vos factures de gaz ?'],
      ['HAS_VEHICLES', 'boolean', 'Votre entreprise possède-t-elle des véhicules professionnels ?'],
      ['VEHICLE_TYPES', 'multiple_choice', 'Quels types de véhicules ?'],
      ['FUEL_LITRES_PER_MONTH', 'integer', 'Consommation mensuelle de gazole (litres) ?'],
      ['DRIVERS', 'integer', 'Combien de chauffeurs salariés ?'],
    ]);
    const shownWhen = Object.fromEntries(
      defaultQuestions.filter((q) => q.showWhen).map((q) => [q.code, q.showWhen]),
    );
    const yes = (question: string) => ({ question, op: 'equals', value: true });
    expect(shownWhen).toEqual({
      PROPERTY_TAX: yes('OWNS_PREMISES'),
      ELECTRICITY_MONTHLY_BILL: yes('HAS_ELECTRICITY_CONTRACT'),
      GAS_MONTHLY_BILL: yes('HAS_GAS_CONTRACT'),
      VEHICLE_TYPES: yes('HAS_VEHICLES'),
      FUEL_LITRES_PER_MONTH: yes('HAS_VEHICLES'),
      DRIVERS: yes('HAS_VEHICLES'),
    });
    expect(defaultQuestions.find((q) => q.code === 'DRIVERS')?.maxFromQuestion).toBe('EMPLOYEES');
  });

  it('offers the options of the spec', () => {
    const options = (code: string) =>
      defaultQuestions.find((q) => q.code === code)?.options?.map((o) => o.code);
    expect(options('SECTOR')).toEqual([
      'transport',
      'agriculture',
      'construction',
      'industry',
      'retail',
      'services',
      'hospitality',
      'health',
      'other',
    ]);
    expect(options('VEHICLE_TYPES')).toEqual([
      'light',
      'truck_3_5_to_7_5',
      'truck_over_7_5',
      'coach',
      'taxi',
      'farm_machinery',
      'construction_machinery',
    ]);
  });

  it('holds the eleven products of the spec, CEE inactive', () => {
    expect(defaultProducts.map((p) => [p.code, p.category, p.active, p.formula?.kind ?? null])).toEqual([
      ['TICPE', 'Énergie', true, 'multiply'],
      ['URSSAF', 'Social', true, 'multiply'],
      ['DFS', 'Social', true, 'multiply'],
      ['PROPERTY_TAX', 'Fiscal', true, 'percentage'],
      ['MSA', 'Social', true, 'percentage'],
      ['DEBT_RECOVERY', 'Juridique', true, 'percentage'],
      ['ELECTRICITY_SUPPLIER', 'Énergie', true, 'multiply'],
      ['GAS_SUPPLIER', 'Énergie', true, 'multiply'],
      ['DIGITAL_TACHOGRAPH', 'Équipement', true, 'qualitative'],
      ['FLEET_SOFTWARE', 'Équipement', true, 'qualitative'],
      ['CEE', 'Énergie', false, null],
    ]);
  });

  it('keeps every constant of a formula as an editable parameter, with the spec defaults', () => {
    expect(Object.fromEntries(defaultProducts.map((p) => [p.code, p.params]))).toEqual({
      TICPE: { months: 12, refundPerLitre: 0.2 },
      URSSAF: { averagePayroll: 35_000, rate: 0.1 },
      DFS: { monthlySaving: 150, months: 12 },
      PROPERTY_TAX: { rate: 0.2 },
      MSA: { rate: 0.065 },
      DEBT_RECOVERY: { rate: 1 },
      ELECTRICITY_SUPPLIER: { months: 12, saving: 0.2 },
      GAS_SUPPLIER: { months: 12, saving: 0.2 },
      DIGITAL_TACHOGRAPH: {},
      FLEET_SOFTWARE: {},
      CEE: {},
    });
  });

  it('lists the documents each product needs, Kbis and RIB for all', () => {
    for (const product of defaultProducts) {
      const codes = product.checklist.map((item) => item.code);
      expect(codes, product.code).toEqual(expect.arrayContaining(['KBIS', 'RIB']));
      expect(new Set(codes).size, product.code).toBe(codes.length);
    }
    const labels = (code: string) =>
      defaultProducts.find((p) => p.code === code)?.checklist.map((i) => i.label);
    expect(labels('TICPE')).toEqual(
      expect.arrayContaining([
        'Certificats d’immatriculation des véhicules',
        'Factures de carburant des 12 derniers mois',
      ]),
    );
    expect(labels('URSSAF')).toEqual(
      expect.arrayContaining(['Bulletins de paie', 'DSN des 12 derniers mois']),
    );
    expect(labels('PROPERTY_TAX')).toEqual(expect.arrayContaining(['Avis de taxe foncière']));
  });
});

describe('catalogue problems', () => {
  const edit = (change: (catalogue: Catalogue) => Catalogue) => catalogueProblems(change(defaultCatalogue));

  it('names a parameter removed from a formula', () => {
    expect(
      edit((c) => ({
        ...c,
        products: c.products.map((p) => (p.code === 'TICPE' ? { ...p, params: { months: 12 } } : p)),
      })),
    ).toEqual([{ where: 'TICPE', message: 'Paramètre manquant : refundPerLitre.' }]);
  });

  it('names a rule on an unknown question and a formula on a non-number question', () => {
    const problems = edit((c) => ({
      ...c,
      products: c.products.map((p) =>
        p.code === 'MSA'
          ? {
              ...p,
              rule: { question: 'HEADCOUNT', op: 'gt', value: 0 },
              formula: { kind: 'percentage', question: 'SECTOR', rateParam: 'rate' },
            }
          : p,
      ),
    }));
    expect(problems).toEqual([
      { where: 'MSA', message: 'Règle sur une question inconnue : HEADCOUNT.' },
      { where: 'MSA', message: 'La formule utilise une question non numérique : SECTOR.' },
    ]);
  });

  it('refuses a condition or a cap on a later question, and duplicate codes', () => {
    const [first, second, ...rest] = defaultQuestions;
    if (!first || !second) throw new Error('the default questionnaire has questions');
    const problems = edit((c) => ({
      questions: [
        { ...first, showWhen: { question: second.code, op: 'gt', value: 0 } },
        second,
        ...rest,
        second,
      ],
      products: [...c.products, ...c.products.slice(0, 1)],
    }));
    expect(problems).toEqual([
      { where: 'SECTOR', message: 'Condition sur une question non posée avant : ANNUAL_TURNOVER.' },
      { where: 'ANNUAL_TURNOVER', message: 'Code de question en double.' },
      { where: 'TICPE', message: 'Code de dispositif en double.' },
    ]);
  });

  it('asks an active product for a rule and a formula', () => {
    expect(
      edit((c) => ({
        ...c,
        products: c.products.map((p) => (p.code === 'CEE' ? { ...p, active: true } : p)),
      })),
    ).toEqual([{ where: 'CEE', message: 'Un dispositif actif a besoin d’une règle et d’une formule.' }]);
  });
});
