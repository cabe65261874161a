import { yes } from './questions';
import type { ChecklistItem, Product } from './types';

const COMMON: ChecklistItem[] = [
  { code: 'KBIS', label: 'Extrait Kbis de moins de 3 mois', required: true },
  { code: 'RIB', label: "Relevé d'identité bancaire (RIB)", required: true },
];
const checklist = (...items: ChecklistItem[]) => [...items, ...COMMON];
const months = { source: 'param' as const, key: 'months', unit: 'mois' };

/** The product catalogue of spec/simulator.md with its default parameters. */
export const defaultProducts: Product[] = [
  {
    code: 'TICPE',
    name: 'Remboursement partiel de TICPE',
    category: 'Énergie',
    description:
      'Remboursement d’une partie de la taxe intérieure sur le gazole consommé par les poids lourds, autocars, taxis et engins agricoles.',
    active: true,
    track: 'full',
    rule: {
      all: [
        yes('HAS_VEHICLES'),
        {
          question: 'VEHICLE_TYPES',
          op: 'includes_any',
          value: ['truck_over_7_5', 'coach', 'taxi', 'farm_machinery'],
        },
        { question: 'FUEL_LITRES_PER_MONTH', op: 'gt', value: 0 },
      ],
    },
    formula: {
      kind: 'multiply',
      factors: [
        { source: 'question', key: 'FUEL_LITRES_PER_MONTH' },
        months,
        { source: 'param', key: 'refundPerLitre', unit: '€/L' },
      ],
    },
    params: { months: 12, refundPerLitre: 0.2 },
    checklist: checklist(
      { code: 'VEHICLE_REGISTRATIONS', label: 'Certificats d’immatriculation des véhicules', required: true },
      { code: 'FUEL_INVOICES', label: 'Factures de carburant des 12 derniers mois', required: true },
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
    rule: { question: 'EMPLOYEES', op: 'gte', value: 1 },
    formula: {
      kind: 'multiply',
      factors: [
        { source: 'question', key: 'EMPLOYEES' },
        { source: 'param', key: 'averagePayroll', unit: '€' },
        { source: 'param', key: 'rate', percent: true },
      ],
    },
    params: { averagePayroll: 35_000, rate: 0.1 },
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
    rule: {
      all: [
        { question: 'SECTOR', op: 'equals', value: 'transport' },
        { question: 'DRIVERS', op: 'gte', value: 1 },
      ],
    },
    formula: {
      kind: 'multiply',
      factors: [
        { source: 'question', key: 'DRIVERS' },
        { source: 'param', key: 'monthlySaving', unit: '€' },
        months,
      ],
    },
    params: { monthlySaving: 150, months: 12 },
    checklist: checklist({ code: 'PAYSLIPS', label: 'Bulletins de paie des chauffeurs', required: true }),
  },
  {
    code: 'PROPERTY_TAX',
    name: 'Optimisation de la taxe foncière',
    category: 'Fiscal',
    description: 'Révision de la valeur locative cadastrale de vos locaux professionnels.',
    active: true,
    track: 'full',
    rule: { all: [yes('OWNS_PREMISES'), { question: 'PROPERTY_TAX', op: 'gt', value: 0 }] },
    formula: { kind: 'percentage', question: 'PROPERTY_TAX', rateParam: 'rate' },
    params: { rate: 0.2 },
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
    rule: {
      all: [
        { question: 'SECTOR', op: 'equals', value: 'agriculture' },
        { question: 'ANNUAL_TURNOVER', op: 'gt', value: 0 },
      ],
    },
    formula: { kind: 'percentage', question: 'ANNUAL_TURNOVER', rateParam: 'rate' },
    params: { rate: 0.065 },
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
    formula: { kind: 'percentage', question: 'UNPAID_INVOICES', rateParam: 'rate' },
    params: { rate: 1 },
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
    rule: {
      all: [yes('HAS_ELECTRICITY_CONTRACT'), { question: 'ELECTRICITY_MONTHLY_BILL', op: 'gt', value: 0 }],
    },
    formula: {
      kind: 'multiply',
      factors: [
        { source: 'question', key: 'ELECTRICITY_MONTHLY_BILL' },
        months,
        { source: 'param', key: 'saving', percent: true },
      ],
    },
    params: { months: 12, saving: 0.2 },
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
    rule: { all: [yes('HAS_GAS_CONTRACT'), { question: 'GAS_MONTHLY_BILL', op: 'gt', value: 0 }] },
    formula: {
      kind: 'multiply',
      factors: [
        { source: 'question', key: 'GAS_MONTHLY_BILL' },
        months,
        { source: 'param', key: 'saving', percent: true },
      ],
    },
    params: { months: 12, saving: 0.2 },
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
    rule: {
      question: 'VEHICLE_TYPES',
      op: 'includes_any',
      value: ['truck_3_5_to_7_5', 'truck_over_7_5', 'coach'],
    },
    formula: {
      kind: 'qualitative',
      benefit: 'Mise en conformité de votre flotte et suivi des temps de conduite, sans amende.',
    },
    params: {},
    checklist: checklist(),
  },
  {
    code: 'FLEET_SOFTWARE',
    name: 'Logiciel de gestion des temps de conduite',
    category: 'Équipement',
    description: 'Logiciel d’analyse des temps de conduite et de repos de vos chauffeurs.',
    active: true,
    track: 'short',
    rule: {
      all: [
        { question: 'SECTOR', op: 'equals', value: 'transport' },
        { question: 'DRIVERS', op: 'gte', value: 1 },
      ],
    },
    formula: {
      kind: 'qualitative',
      benefit: 'Temps de conduite analysés automatiquement et infractions évitées.',
    },
    params: {},
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
    formula: null,
    params: {},
    checklist: checklist(),
  },
];
