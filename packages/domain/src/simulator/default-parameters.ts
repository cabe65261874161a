import type { Parameter, Source } from './types';

/**
 * The dated parameters of spec/simulator-v2.md. Sources link to the publisher's site (the deep
 * links of official pages move too often to be kept here); admins refine them per period.
 */
const DREAL_2026: Source = {
  label: 'DREAL Centre-Val de Loire, taux de remboursement TICPE du gazole professionnel, janvier 2026',
  short: 'DREAL',
  url: 'https://www.centre-val-de-loire.developpement-durable.gouv.fr/',
};
const TARIFF_2025: Source = {
  label: 'Taux de remboursement 2025 du gazole professionnel (15,75 €/hl pour le TRM)',
  short: 'taux 2025',
  url: 'https://www.douane.gouv.fr/',
};
const TARIFF_2024: Source = {
  label: 'Arrêtés du 31 janvier et du 19 juillet 2023 (tarifs 2024 du gazole professionnel)',
  short: 'arrêtés 2023',
  url: 'https://www.legifrance.gouv.fr/',
};
const FINANCE_LAW_2020: Source = {
  label: 'Loi de finances pour 2020 (planchers du gazole professionnel, art. L. 312-31 et suivants CIBS)',
  short: 'loi de finances 2020',
  url: 'https://www.legifrance.gouv.fr/',
};
const BOSS: Source = {
  label: 'BOSS, frais professionnels : fin progressive de la DFS dans le transport routier',
  short: 'BOSS',
  url: 'https://boss.gouv.fr/',
};
const BOSS_PROJECTED: Source = {
  ...BOSS,
  label: 'BOSS, trajectoire de baisse de la DFS (un point par an, à confirmer chaque année)',
  short: 'BOSS, trajectoire',
};
const PLATFORM: Source = {
  label: 'Hypothèse de la plateforme : prix moyen de l’énergie pour un contrat professionnel, modifiable',
  short: 'hypothèse de la plateforme',
};

const year = (y: number) => ({ validFrom: `${y}-01-01`, validTo: `${y}-12-31` });
const from = (y: number) => ({ validFrom: `${y}-01-01`, validTo: null });

export const defaultParameters: Parameter[] = [
  {
    code: 'GAZOLE_TARIFF',
    label: 'tarif gazole',
    unit: '€/hl',
    description: 'Tarif de TICPE du gazole en France continentale (hors Corse : 59,40 €/hl en 2026).',
    dated: true,
    periods: [
      { ...year(2024), value: 60.9, source: TARIFF_2024 },
      { ...year(2025), value: 60.94, source: TARIFF_2025 },
      { ...from(2026), value: 60.75, source: DREAL_2026 },
    ],
  },
  {
    code: 'TRM_FLOOR',
    label: 'plancher TRM',
    unit: '€/hl',
    description:
      'Tarif plancher du gazole des véhicules de transport routier de marchandises de 7,5 t et plus.',
    dated: true,
    periods: [{ ...from(2020), value: 45.19, source: FINANCE_LAW_2020 }],
  },
  {
    code: 'TCRP_FLOOR',
    label: 'plancher TCRP',
    unit: '€/hl',
    description:
      'Tarif plancher du gazole des autocars et autobus (transport collectif routier de personnes).',
    dated: true,
    periods: [{ ...from(2020), value: 39.19, source: FINANCE_LAW_2020 }],
  },
  {
    code: 'FUEL_MAX_LITRES_PER_VEHICLE',
    label: 'plafond de vraisemblance',
    unit: 'L',
    description:
      'Au-delà, la consommation déclarée est refusée : un tracteur de 40 à 44 t consomme 25 000 à 45 000 L par an.',
    dated: false,
    periods: [
      {
        validFrom: '2000-01-01',
        validTo: null,
        value: 60_000,
        source: {
          label: 'Contrôle de vraisemblance de la plateforme (consommations réelles de 25 000 à 45 000 L)',
          short: 'contrôle de vraisemblance',
        },
      },
    ],
  },
  {
    code: 'DFS_RATE',
    label: 'taux DFS',
    unit: '%',
    description: 'Taux de la déduction forfaitaire spécifique des chauffeurs du transport routier.',
    dated: true,
    periods: [
      { ...year(2024), value: 19, source: BOSS },
      { ...year(2025), value: 18, source: BOSS },
      { ...year(2026), value: 17, source: BOSS_PROJECTED },
      { ...year(2027), value: 16, source: BOSS_PROJECTED },
    ],
  },
  {
    code: 'DFS_SAVING_AT_REFERENCE',
    label: 'économie par chauffeur',
    unit: '€',
    description: 'Économie de cotisations d’un chauffeur grand routier au taux de DFS de 19 %.',
    dated: true,
    periods: [
      {
        validFrom: '2024-01-01',
        validTo: null,
        value: 1_500,
        source: {
          label: 'L’Officiel des Transporteurs, 2024',
          short: 'L’Officiel des Transporteurs',
          url: 'https://www.wk-transport-logistique.fr/',
        },
      },
    ],
  },
  {
    code: 'ELECTRICITY_REFERENCE_PRICE',
    label: 'prix de référence',
    unit: '€/MWh',
    description: 'Prix de l’énergie (hors acheminement et taxes) qu’une renégociation peut viser.',
    dated: true,
    periods: [{ ...from(2026), value: 100, source: PLATFORM }],
  },
  {
    code: 'GAS_REFERENCE_PRICE',
    label: 'prix de référence',
    unit: '€/MWh',
    description: 'Prix du gaz (hors acheminement et taxes) qu’une renégociation peut viser.',
    dated: true,
    periods: [{ ...from(2026), value: 45, source: PLATFORM }],
  },
  {
    code: 'DEBT_RECOVERY_RATE_RECENT',
    label: 'taux de recouvrement à moins de 12 mois',
    unit: '%',
    description: 'Part recouvrée des créances impayées depuis moins de 12 mois.',
    dated: false,
    periods: [
      {
        validFrom: '2000-01-01',
        validTo: null,
        value: 75,
        source: {
          label: 'FIGEC, statistiques de recouvrement',
          short: 'FIGEC',
          url: 'https://www.figec.com/',
        },
      },
    ],
  },
  {
    code: 'DEBT_RECOVERY_RATE_OLD',
    label: 'taux de recouvrement à 12 mois ou plus',
    unit: '%',
    description: 'Part recouvrée des créances impayées depuis 12 mois ou plus.',
    dated: false,
    periods: [
      {
        validFrom: '2000-01-01',
        validTo: null,
        value: 20,
        source: {
          label: 'FIGEC, statistiques de recouvrement',
          short: 'FIGEC',
          url: 'https://www.figec.com/',
        },
      },
    ],
  },
  {
    code: 'LATE_PAYMENT_INDEMNITY',
    label: 'indemnité forfaitaire par facture',
    unit: '€',
    description: 'Indemnité forfaitaire pour frais de recouvrement due par facture payée en retard.',
    dated: false,
    periods: [
      {
        validFrom: '2013-01-01',
        validTo: null,
        value: 40,
        source: {
          label: 'Code de commerce, art. D. 441-5',
          short: 'C. com. D441-5',
          url: 'https://www.legifrance.gouv.fr/',
        },
      },
    ],
  },
];
