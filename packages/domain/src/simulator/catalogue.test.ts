import { describe, expect, it } from 'vitest';
import { defaultCatalogue, defaultParameters, defaultProducts, defaultQuestions } from './catalogue';
import { catalogueProblems } from './check';
import type { Catalogue } from './types';

describe('default catalogue', () => {
  it('is plain JSON, so the database can be seeded with it as it is', () => {
    expect(JSON.parse(JSON.stringify(defaultCatalogue))).toEqual(defaultCatalogue);
  });

  it('is consistent: rules, conditions, caps and formulas only use known questions and parameters', () => {
    expect(catalogueProblems(defaultCatalogue)).toEqual([]);
  });

  it('asks the questions of spec/simulator-v2.md, in order; the v1 monthly fuel and drivers are gone', () => {
    expect(defaultQuestions.map((q) => q.code)).toEqual([
      'SECTOR',
      'ANNUAL_TURNOVER',
      'EMPLOYEES',
      'OWNS_PREMISES',
      'PROPERTY_TAX',
      'PREMISES_USE',
      'PREMISES_VACANT_MONTHS',
      'VACANT_SHARE_PERCENT',
      'UNPAID_INVOICES',
      'UNPAID_INVOICE_COUNT',
      'UNPAID_AGE',
      'HAS_ELECTRICITY_CONTRACT',
      'ELECTRICITY_MWH_PER_YEAR',
      'ELECTRICITY_PRICE_PER_MWH',
      'HAS_GAS_CONTRACT',
      'GAS_MWH_PER_YEAR',
      'GAS_PRICE_PER_MWH',
      'HAS_VEHICLES',
      'VEHICLE_TYPES',
      'HEAVY_VEHICLES',
      'FUEL_LITRES_HEAVY_PER_YEAR',
      'COACHES',
      'FUEL_LITRES_COACH_PER_YEAR',
      'TICPE_ALREADY_CLAIMED',
      'LONG_DISTANCE_DRIVERS',
      'DFS_APPLIED',
    ]);
    const byCode = new Map(defaultQuestions.map((q) => [q.code, q]));
    expect(byCode.get('FUEL_LITRES_HEAVY_PER_YEAR')).toMatchObject({
      maxFromQuestion: 'HEAVY_VEHICLES',
      maxPerUnitParam: 'FUEL_MAX_LITRES_PER_VEHICLE',
    });
    expect(byCode.get('LONG_DISTANCE_DRIVERS')?.maxFromQuestion).toBe('EMPLOYEES');
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

  it('holds the eleven products of the spec, CEE inactive, with a formula only where one is sourced', () => {
    expect(
      defaultProducts.map((p) => [p.code, p.active, p.amount?.cases.map((c) => c.period) ?? null]),
    ).toEqual([
      ['TICPE', true, ['annual']],
      ['URSSAF', true, []],
      ['DFS', true, ['annual']],
      ['PROPERTY_TAX', true, ['oneOff']],
      ['MSA', true, []],
      ['DEBT_RECOVERY', true, ['oneOff']],
      ['ELECTRICITY_SUPPLIER', true, ['annual']],
      ['GAS_SUPPLIER', true, ['annual']],
      ['DIGITAL_TACHOGRAPH', true, []],
      ['FLEET_SOFTWARE', true, []],
      ['CEE', false, null],
    ]);
  });

  it('gives every parameter at least one sourced period', () => {
    for (const parameter of defaultParameters) {
      expect(parameter.periods.length, parameter.code).toBeGreaterThan(0);
      for (const period of parameter.periods)
        expect(period.source.label.length, parameter.code).toBeGreaterThan(3);
    }
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
        'Factures de carburant et relevés de cartes carburant',
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

  it('names a parameter unknown to the catalogue', () => {
    expect(edit((c) => ({ ...c, parameters: c.parameters.filter((p) => p.code !== 'TRM_FLOOR') }))).toEqual([
      { where: 'TICPE', message: 'Paramètre inconnu : TRM_FLOOR.' },
    ]);
  });

  it('names a rule on an unknown question and a formula on a non-number question', () => {
    const problems = edit((c) => ({
      ...c,
      products: c.products.map((p) =>
        p.code === 'MSA'
          ? {
              ...p,
              rule: { question: 'HEADCOUNT', op: 'gt', value: 0 },
              amount: {
                cases: [{ formula: { answer: 'SECTOR' }, period: 'annual', zeroReason: 'x' }],
                otherwise: { explanation: '' },
              },
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
      parameters: c.parameters,
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
    ).toEqual([{ where: 'CEE', message: 'Un dispositif actif a besoin d’une règle et d’un calcul.' }]);
  });
});
