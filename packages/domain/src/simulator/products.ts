import { all, atLeast, includes, no, yes } from './questions';
import type { ChecklistItem, Expression, Product, RuleNode } from './types';

const COMMON: ChecklistItem[] = [
  { code: 'KBIS', label: 'Extrait Kbis de moins de 3 mois', required: true },
  { code: 'RIB', label: "Relevé d'identité bancaire (RIB)", required: true },
];
const checklist = (...items: ChecklistItem[]) => [...items, ...COMMON];

const answer = (code: string, orZero = false): Expression =>
  orZero ? { answer: code, orZero } : { answer: code };
const param = (code: string): Expression => ({ param: code });
const mul = (...args: Expression[]): Expression => ({ op: 'mul', args });
const div = (...args: Expression[]): Expression => ({ op: 'div', args });
/** The units already say it (L × €/hl, € × %): the explanation leaves the ÷ 100 out. */
const PER_HUNDRED: Expression = { num: 100, hidden: true };
const isTransport: RuleNode = { question: 'SECTOR', op: 'equals', value: 'transport' };
const heavyOrCoach = includes('VEHICLE_TYPES', 'truck_over_7_5', 'coach');
const ticpeToClaim = all(heavyOrCoach, no('TICPE_ALREADY_CLAIMED'));

/** `litres × (tarif − plancher) ÷ 100`, the refund rate printed as one figure in €/hl. */
const refundPart = (litres: string, floor: string): Expression =>
  div(
    mul(answer(litres, true), {
      op: 'sub',
      args: [param('GAZOLE_TARIFF'), param(floor)],
      as: { unit: '€/hl' },
    }),
    PER_HUNDRED,
  );

const energySaving = (prefix: 'ELECTRICITY' | 'GAS'): Expression =>
  mul(answer(`${prefix}_MWH_PER_YEAR`), {
    op: 'max',
    args: [
      { num: 0 },
      { op: 'sub', args: [answer(`${prefix}_PRICE_PER_MWH`), param(`${prefix}_REFERENCE_PRICE`)] },
    ],
  });

const TICPE_DEADLINE = {
  kind: 'consumptionYears' as const,
  years: 2,
  firstYear: 2025,
  text: 'Vos consommations {year} peuvent être réclamées jusqu’au {date}.',
};

/** The product catalogue of spec/simulator-v2.md. */
export const defaultProducts: Product[] = [
  {
    code: 'TICPE',
    name: 'Remboursement partiel de TICPE',
    category: 'Énergie',
    description:
      'Remboursement d’une partie de la taxe intérieure sur le gazole des poids lourds de 7,5 t et plus, des autocars et des taxis.',
    active: true,
    track: 'full',
    rule: { any: [ticpeToClaim, includes('VEHICLE_TYPES', 'taxi')] },
    amount: {
      cases: [
        {
          when: ticpeToClaim,
          formula: {
            op: 'add',
            args: [
              refundPart('FUEL_LITRES_HEAVY_PER_YEAR', 'TRM_FLOOR'),
              refundPart('FUEL_LITRES_COACH_PER_YEAR', 'TCRP_FLOOR'),
            ],
          },
          period: 'annual',
          zeroReason: 'Aucun litre de gazole remboursable déclaré.',
          note: 'Depuis 2025, la demande se fait auprès de la DGFiP avec la déclaration de TVA (annexe 3310-TIC), et non plus auprès de la Douane.',
          deadline: TICPE_DEADLINE,
          sources: [
            {
              label: 'Décret n° 2025-255 (remboursement avec la déclaration de TVA, délai de réclamation)',
              short: 'décret 2025-255',
              url: 'https://www.legifrance.gouv.fr/',
            },
          ],
        },
      ],
      otherwise: {
        explanation:
          'Les taxis sous licence ont droit à un remboursement de TICPE ; ce catalogue n’a pas encore de taux taxi : le montant sera établi par l’expert à partir de vos factures.',
        deadline: TICPE_DEADLINE,
      },
    },
    ineligibleWhen: [
      { when: yes('TICPE_ALREADY_CLAIMED'), reason: 'Vous demandez déjà ce remboursement chaque année.' },
      {
        when: includes('VEHICLE_TYPES', 'farm_machinery'),
        reason:
          'Le gazole non routier agricole est taxé à taux réduit à la pompe depuis le 1er juillet 2024 : il n’y a plus rien à réclamer.',
      },
    ],
    sources: [],
    checklist: checklist(
      { code: 'VEHICLE_REGISTRATIONS', label: 'Certificats d’immatriculation des véhicules', required: true },
      {
        code: 'FUEL_INVOICES',
        label: 'Factures de carburant et relevés de cartes carburant',
        required: true,
      },
    ),
  },
  {
    code: 'URSSAF',
    name: 'Optimisation des charges sociales (URSSAF)',
    category: 'Social',
    description:
      'Audit des cotisations sociales pour récupérer les réductions et exonérations non appliquées.',
    active: true,
    track: 'full',
    rule: atLeast('EMPLOYEES', 1),
    amount: {
      cases: [],
      otherwise: {
        explanation:
          'L’expert audite vos cotisations des 3 dernières années : réduction générale, taux AT/MP, versement mobilité. Le montant dépend de vos bulletins : il l’établit après l’audit.',
        deadline: {
          kind: 'prescription',
          years: 3,
          text: 'Les cotisations versées avant le {date} sont prescrites (CSS art. L243-6) : chaque mois qui passe en fait perdre un.',
        },
        sources: [
          {
            label: 'Code de la sécurité sociale, art. L243-6 (prescription de 3 ans)',
            short: 'CSS L243-6',
            url: 'https://www.legifrance.gouv.fr/',
          },
        ],
      },
    },
    sources: [],
    checklist: checklist(
      { code: 'PAYSLIPS', label: 'Bulletins de paie', required: true },
      { code: 'DSN', label: 'DSN des 12 derniers mois', required: true },
    ),
  },
  {
    code: 'DFS',
    name: 'Déduction forfaitaire spécifique (DFS)',
    category: 'Social',
    description:
      'Application de la déduction forfaitaire spécifique sur les cotisations des chauffeurs routiers.',
    active: true,
    track: 'full',
    rule: all(isTransport, atLeast('LONG_DISTANCE_DRIVERS', 1), no('DFS_APPLIED')),
    amount: {
      cases: [
        {
          formula: div(
            mul(answer('LONG_DISTANCE_DRIVERS'), param('DFS_SAVING_AT_REFERENCE'), param('DFS_RATE')),
            { num: 19, unit: '%', note: 'taux de référence' },
          ),
          period: 'annual',
          zeroReason: 'Le taux de DFS est nul à cette date.',
          note: 'La DFS du transport routier baisse d’un point par an jusqu’à 0 % en 2035.',
        },
      ],
      otherwise: { explanation: '' },
    },
    sources: [],
    checklist: checklist({ code: 'PAYSLIPS', label: 'Bulletins de paie des chauffeurs', required: true }),
  },
  {
    code: 'PROPERTY_TAX',
    name: 'Optimisation de la taxe foncière',
    category: 'Fiscal',
    description: 'Dégrèvement pour vacance et révision de la valeur locative de vos locaux professionnels.',
    active: true,
    track: 'full',
    rule: all(yes('OWNS_PREMISES'), { question: 'PROPERTY_TAX', op: 'gt', value: 0 }),
    amount: {
      cases: [
        {
          when: all(
            includes('PREMISES_USE', 'commercial', 'industrial'),
            atLeast('PREMISES_VACANT_MONTHS', 3),
          ),
          formula: mul(
            div(mul(answer('PROPERTY_TAX'), answer('VACANT_SHARE_PERCENT')), PER_HUNDRED),
            div(answer('PREMISES_VACANT_MONTHS'), { num: 12, unit: 'mois' }),
          ),
          period: 'oneOff',
          zeroReason: 'Aucune vacance ouvrant droit à dégrèvement.',
          note: 'Dégrèvement pour vacance d’un local commercial ou industriel (CGI art. 1389).',
          deadline: {
            kind: 'endOfYear',
            yearsAfter: 1,
            text: 'Le dégrèvement pour vacance est à réclamer avant le {date} (LPF art. R*196-5).',
          },
          sources: [
            {
              label: 'Code général des impôts, art. 1389 (dégrèvement pour vacance)',
              short: 'CGI 1389',
              url: 'https://www.legifrance.gouv.fr/',
            },
            {
              label: 'Livre des procédures fiscales, art. R*196-5',
              short: 'LPF R*196-5',
              url: 'https://www.legifrance.gouv.fr/',
            },
          ],
        },
      ],
      otherwise: {
        explanation:
          'L’expert vérifie la valeur locative de vos locaux (surface, catégorie, coefficients) : le montant d’une éventuelle révision ne peut être établi qu’après ce contrôle.',
      },
    },
    sources: [],
    checklist: checklist({ code: 'PROPERTY_TAX_NOTICE', label: 'Avis de taxe foncière', required: true }),
  },
  {
    code: 'MSA',
    name: 'Optimisation des cotisations MSA',
    category: 'Social',
    description:
      'Audit des cotisations à la Mutualité sociale agricole des exploitations et entreprises agricoles.',
    active: true,
    track: 'full',
    rule: { question: 'SECTOR', op: 'equals', value: 'agriculture' },
    amount: {
      cases: [],
      otherwise: {
        explanation:
          'L’expert vérifie les exonérations jeunes agriculteurs et travailleurs occasionnels (TO-DE) : le montant est établi après l’examen de vos appels de cotisations.',
      },
    },
    sources: [],
    checklist: checklist({ code: 'MSA_STATEMENTS', label: 'Appels de cotisations MSA', required: true }),
  },
  {
    code: 'DEBT_RECOVERY',
    name: 'Recouvrement de créances impayées',
    category: 'Juridique',
    description: 'Recouvrement amiable puis judiciaire de vos factures impayées depuis plus de 90 jours.',
    active: true,
    track: 'full',
    rule: { question: 'UNPAID_INVOICES', op: 'gt', value: 0 },
    amount: {
      cases: [
        {
          formula: {
            op: 'add',
            args: [
              div(
                mul(answer('UNPAID_INVOICES'), {
                  choose: 'UNPAID_AGE',
                  cases: {
                    under_12_months: param('DEBT_RECOVERY_RATE_RECENT'),
                    over_12_months: param('DEBT_RECOVERY_RATE_OLD'),
                  },
                }),
                PER_HUNDRED,
              ),
              mul(answer('UNPAID_INVOICE_COUNT'), param('LATE_PAYMENT_INDEMNITY')),
            ],
          },
          period: 'oneOff',
          zeroReason: 'Aucune créance à recouvrer.',
          deadline: {
            kind: 'note',
            text: 'Chaque facture peut être recouvrée pendant 5 ans à compter de son échéance (C. com. art. L110-4).',
          },
          sources: [
            {
              label: 'Code de commerce, art. L110-4 (prescription de 5 ans)',
              short: 'C. com. L110-4',
              url: 'https://www.legifrance.gouv.fr/',
            },
          ],
        },
      ],
      otherwise: { explanation: '' },
    },
    sources: [],
    checklist: checklist({ code: 'UNPAID_INVOICES', label: 'Factures impayées et relances', required: true }),
  },
  {
    code: 'ELECTRICITY_SUPPLIER',
    name: "Renégociation du contrat d'électricité",
    category: 'Énergie',
    description:
      'Mise en concurrence des fournisseurs et renégociation de votre contrat d’électricité professionnel.',
    active: true,
    track: 'short',
    rule: yes('HAS_ELECTRICITY_CONTRACT'),
    amount: {
      cases: [
        {
          formula: energySaving('ELECTRICITY'),
          period: 'annual',
          zeroReason: 'Votre prix est déjà sous le prix de référence.',
          note: 'Le prix de référence est une hypothèse de la plateforme, pas un prix garanti.',
        },
      ],
      otherwise: { explanation: '' },
    },
    sources: [],
    checklist: checklist({ code: 'ENERGY_BILLS', label: "Factures d'électricité récentes", required: true }),
  },
  {
    code: 'GAS_SUPPLIER',
    name: 'Renégociation du contrat de gaz',
    category: 'Énergie',
    description:
      'Mise en concurrence des fournisseurs et renégociation de votre contrat de gaz professionnel.',
    active: true,
    track: 'short',
    rule: yes('HAS_GAS_CONTRACT'),
    amount: {
      cases: [
        {
          formula: energySaving('GAS'),
          period: 'annual',
          zeroReason: 'Votre prix est déjà sous le prix de référence.',
          note: 'Le prix de référence est une hypothèse de la plateforme, pas un prix garanti.',
        },
      ],
      otherwise: { explanation: '' },
    },
    sources: [],
    checklist: checklist({ code: 'GAS_BILLS', label: 'Factures de gaz récentes', required: true }),
  },
  {
    code: 'DIGITAL_TACHOGRAPH',
    name: 'Chronotachygraphes numériques',
    category: 'Équipement',
    description:
      'Équipement et maintenance des chronotachygraphes numériques de vos poids lourds et autocars.',
    active: true,
    track: 'short',
    rule: includes('VEHICLE_TYPES', 'truck_3_5_to_7_5', 'truck_over_7_5', 'coach'),
    amount: {
      cases: [],
      otherwise: {
        explanation: 'Mise en conformité de votre flotte et suivi des temps de conduite, sans amende.',
      },
    },
    sources: [],
    checklist: checklist(),
  },
  {
    code: 'FLEET_SOFTWARE',
    name: 'Logiciel de gestion des temps de conduite',
    category: 'Équipement',
    description: 'Logiciel d’analyse des temps de conduite et de repos de vos chauffeurs.',
    active: true,
    track: 'short',
    rule: all(isTransport, yes('HAS_VEHICLES')),
    amount: {
      cases: [],
      otherwise: { explanation: 'Temps de conduite analysés automatiquement et infractions évitées.' },
    },
    sources: [],
    checklist: checklist(),
  },
  {
    code: 'CEE',
    name: "Certificats d'économies d'énergie",
    category: 'Énergie',
    description: 'Financement de travaux d’économies d’énergie par les certificats d’économies d’énergie.',
    active: false,
    track: 'full',
    rule: null,
    amount: null,
    sources: [],
    checklist: checklist(),
  },
];
