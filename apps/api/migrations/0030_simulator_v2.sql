-- Simulator v2 (spec/simulator-v2.md): dated parameters with their sources, formulas as
-- expression trees, periods (annual / one-off) and claim deadlines. Simulations evaluated by
-- engine 1.x keep their stored result and engine_version; the v1 questions they answered go.

alter table questions drop constraint if exists questions_type_check;
alter table questions add constraint questions_type_check
  check (type in ('single_choice', 'multiple_choice', 'amount', 'number', 'integer', 'boolean'));
alter table questions add column max_per_unit_param text;
alter table questions add column hint text;

-- A parameter is shared by the products whose formulas read it (GAZOLE_TARIFF: trucks and coaches).
create table parameters (
  code text primary key,
  label text not null,
  unit text not null,
  description text not null,
  dated boolean not null default true,
  sort_order integer not null
);

-- One value per period; the service refuses overlapping periods of one parameter (checked under
-- a lock on the parameter row, so two admins cannot add overlapping values at once).
create table parameter_periods (
  id bigint generated always as identity primary key,
  parameter_code text not null references parameters (code) on delete cascade,
  valid_from date not null,
  valid_to date,
  value numeric not null check (value >= 0),
  source_label text not null,
  source_short text,
  source_url text,
  created_at timestamptz not null default now(),
  created_by uuid references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index parameter_periods_parameter_idx on parameter_periods (parameter_code, valid_from);

alter table parameters enable row level security;
alter table parameter_periods enable row level security;
create policy parameters_public_read on parameters for select using (true);
create policy parameter_periods_public_read on parameter_periods for select using (true);
create policy parameter_periods_admin_insert on parameter_periods for insert
  with check (app_current_role() = 'admin');
-- The lock taken before checking overlaps (select … for update) needs an update right.
create policy parameters_admin_lock on parameters for update using (app_current_role() = 'admin');
grant select on parameters, parameter_periods to app_user;
grant update (sort_order) on parameters to app_user;
grant insert on parameter_periods to app_user;
grant usage on sequence parameter_periods_id_seq to app_user;

alter table products add column amount jsonb;
alter table products add column ineligible_when jsonb not null default '[]';
alter table products add column sources jsonb not null default '[]';

-- What a dossier's estimate covers and by when the claim must be filed (copied from the
-- simulation like the amount; null when the product has neither).
alter table dossiers add column amount_period text check (amount_period in ('annual', 'oneOff'));
alter table dossiers add column claim_by date;
alter table dossiers add column claim_by_text text;
grant update (amount_period, claim_by, claim_by_text) on dossiers to app_user;
alter table dossier_estimates add column amount_period text;
create index dossiers_claim_by_idx on dossiers (claim_by) where claim_by is not null;

-- Deadline reminders sent (60 and 14 days before claim_by): once per dossier and threshold.
create table dossier_deadline_notices (
  dossier_id uuid not null references dossiers (id) on delete cascade,
  claim_by date not null,
  days_before integer not null check (days_before in (60, 14)),
  sent_at timestamptz not null default now(),
  primary key (dossier_id, claim_by, days_before)
);
alter table dossier_deadline_notices enable row level security;
create policy dossier_deadline_notices_admin on dossier_deadline_notices
  using (app_current_role() = 'admin') with check (app_current_role() = 'admin');

delete from questions where code in ('FUEL_LITRES_PER_MONTH', 'DRIVERS', 'ELECTRICITY_MONTHLY_BILL', 'GAS_MONTHLY_BILL');

-- The default catalogue of spec/simulator-v2.md, generated from packages/domain/src/simulator
-- (defaultCatalogue); the API test "the seeded catalogue is the domain's default" keeps them equal.
insert into questions (code, text, label, unit, type, options, min, max, max_from_question, max_per_unit_param, hint, show_when, sort_order) values
  ('SECTOR', 'Quel est le secteur d''activité de votre entreprise ?', 'Secteur d''activité', null, 'single_choice', '[{"code":"transport","label":"Transport et logistique"},{"code":"agriculture","label":"Agriculture et agroalimentaire"},{"code":"construction","label":"BTP et construction"},{"code":"industry","label":"Industrie"},{"code":"retail","label":"Commerce et distribution"},{"code":"services","label":"Services aux entreprises"},{"code":"hospitality","label":"Hôtellerie et restauration"},{"code":"health","label":"Santé et social"},{"code":"other","label":"Autre"}]'::jsonb, null, null, null, null, null, null, 10),
  ('ANNUAL_TURNOVER', 'Quel est votre chiffre d''affaires annuel ?', 'Chiffre d''affaires annuel', '€', 'amount', null, 0, 10000000000, null, null, null, null, 20),
  ('EMPLOYEES', 'Combien de salariés employez-vous ?', 'Nombre de salariés', 'salariés', 'integer', null, 0, 100000, null, null, null, null, 30),
  ('OWNS_PREMISES', 'Êtes-vous propriétaire de vos locaux professionnels ?', 'Propriétaire des locaux', null, 'boolean', null, null, null, null, null, null, null, 40),
  ('PROPERTY_TAX', 'Quel est le montant annuel de votre taxe foncière ?', 'Taxe foncière annuelle', '€', 'amount', null, 0, 100000000, null, null, null, '{"question":"OWNS_PREMISES","op":"equals","value":true}'::jsonb, 50),
  ('PREMISES_USE', 'Quel est l’usage principal de ces locaux ?', 'Usage des locaux', null, 'single_choice', '[{"code":"commercial","label":"Commerce"},{"code":"industrial","label":"Industriel ou entrepôt"},{"code":"office","label":"Bureaux"},{"code":"other","label":"Autre"}]'::jsonb, null, null, null, null, null, '{"question":"OWNS_PREMISES","op":"equals","value":true}'::jsonb, 60),
  ('PREMISES_VACANT_MONTHS', 'Sur les 12 derniers mois, combien de mois ces locaux sont-ils restés vacants malgré vous ?', 'Mois de vacance des locaux', 'mois', 'integer', null, 0, 12, null, null, null, '{"question":"OWNS_PREMISES","op":"equals","value":true}'::jsonb, 70),
  ('VACANT_SHARE_PERCENT', 'Quelle part des locaux était vacante (en %) ?', 'Part vacante des locaux', '%', 'integer', null, 1, 100, null, null, null, '{"question":"PREMISES_VACANT_MONTHS","op":"gte","value":3}'::jsonb, 80),
  ('UNPAID_INVOICES', 'Quel est le montant total de vos factures impayées depuis plus de 90 jours ? (0 si aucune)', 'Factures impayées de plus de 90 jours', '€', 'amount', null, 0, 1000000000, null, null, null, null, 90),
  ('UNPAID_INVOICE_COUNT', 'Combien de factures cela représente-t-il ?', 'Nombre de factures impayées', 'factures', 'integer', null, 1, 100000, null, null, null, '{"question":"UNPAID_INVOICES","op":"gt","value":0}'::jsonb, 100),
  ('UNPAID_AGE', 'Depuis combien de temps la plus grande part est-elle impayée ?', 'Ancienneté des impayés', null, 'single_choice', '[{"code":"under_12_months","label":"Moins de 12 mois"},{"code":"over_12_months","label":"12 mois ou plus"}]'::jsonb, null, null, null, null, null, '{"question":"UNPAID_INVOICES","op":"gt","value":0}'::jsonb, 110),
  ('HAS_ELECTRICITY_CONTRACT', 'Avez-vous un contrat d''électricité professionnel ?', 'Contrat d''électricité', null, 'boolean', null, null, null, null, null, null, null, 120),
  ('ELECTRICITY_MWH_PER_YEAR', 'Consommation annuelle d''électricité (MWh, sur vos factures) ?', 'Consommation annuelle d''électricité', 'MWh', 'number', null, 0.1, 1000000, null, null, 'Elle figure sur votre facture annuelle ou le récapitulatif de consommation de votre fournisseur.', '{"question":"HAS_ELECTRICITY_CONTRACT","op":"equals","value":true}'::jsonb, 130),
  ('ELECTRICITY_PRICE_PER_MWH', 'Prix de l’énergie de votre contrat, hors acheminement et taxes (€/MWh HT) ?', 'Prix de l''électricité du contrat', '€/MWh', 'number', null, 1, 2000, null, null, 'Le prix de la part « énergie » sur votre contrat ; 0,16 €/kWh = 160 €/MWh.', '{"question":"HAS_ELECTRICITY_CONTRACT","op":"equals","value":true}'::jsonb, 140),
  ('HAS_GAS_CONTRACT', 'Avez-vous un contrat de gaz professionnel ?', 'Contrat de gaz', null, 'boolean', null, null, null, null, null, null, null, 150),
  ('GAS_MWH_PER_YEAR', 'Consommation annuelle de gaz (MWh, sur vos factures) ?', 'Consommation annuelle de gaz', 'MWh', 'number', null, 0.1, 1000000, null, null, 'Elle figure sur votre facture annuelle ou le récapitulatif de consommation de votre fournisseur.', '{"question":"HAS_GAS_CONTRACT","op":"equals","value":true}'::jsonb, 160),
  ('GAS_PRICE_PER_MWH', 'Prix du gaz de votre contrat, hors acheminement et taxes (€/MWh HT) ?', 'Prix du gaz du contrat', '€/MWh', 'number', null, 1, 2000, null, null, 'Le prix de la molécule sur votre contrat ; 0,04 €/kWh = 40 €/MWh.', '{"question":"HAS_GAS_CONTRACT","op":"equals","value":true}'::jsonb, 170),
  ('HAS_VEHICLES', 'Votre entreprise possède-t-elle des véhicules professionnels ?', 'Véhicules professionnels', null, 'boolean', null, null, null, null, null, null, null, 180),
  ('VEHICLE_TYPES', 'Quels types de véhicules ?', 'Types de véhicules', null, 'multiple_choice', '[{"code":"light","label":"Véhicules légers et utilitaires (< 3,5 t)"},{"code":"truck_3_5_to_7_5","label":"Camions de 3,5 à 7,5 t"},{"code":"truck_over_7_5","label":"Camions de 7,5 t ou plus"},{"code":"coach","label":"Autocars et autobus"},{"code":"taxi","label":"Taxis (licence de taxi, hors VTC)"},{"code":"farm_machinery","label":"Tracteurs et engins agricoles"},{"code":"construction_machinery","label":"Engins de chantier"}]'::jsonb, null, null, null, null, null, '{"question":"HAS_VEHICLES","op":"equals","value":true}'::jsonb, 190),
  ('HEAVY_VEHICLES', 'Combien de camions ou tracteurs de 7,5 t ou plus (PTAC) ?', 'Nombre de poids lourds', 'véhicules', 'integer', null, 1, 10000, null, null, null, '{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5"]}'::jsonb, 200),
  ('FUEL_LITRES_HEAVY_PER_YEAR', 'Litres de gazole achetés en France continentale par an pour ces véhicules ?', 'Gazole des poids lourds par an', 'L', 'integer', null, 1, 600000000, 'HEAVY_VEHICLES', 'FUEL_MAX_LITRES_PER_VEHICLE', 'Additionnez les litres des relevés de vos cartes carburant et des factures de cuve sur 12 mois.', '{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5"]}'::jsonb, 210),
  ('COACHES', 'Combien d’autocars et d’autobus (plus de 9 places) ?', 'Nombre d’autocars et d’autobus', 'véhicules', 'integer', null, 1, 10000, null, null, null, '{"question":"VEHICLE_TYPES","op":"includes_any","value":["coach"]}'::jsonb, 220),
  ('FUEL_LITRES_COACH_PER_YEAR', 'Litres de gazole achetés en France continentale par an pour ces autocars et autobus ?', 'Gazole des autocars par an', 'L', 'integer', null, 1, 600000000, 'COACHES', 'FUEL_MAX_LITRES_PER_VEHICLE', 'Additionnez les litres des relevés de vos cartes carburant et des factures de cuve sur 12 mois.', '{"question":"VEHICLE_TYPES","op":"includes_any","value":["coach"]}'::jsonb, 230),
  ('TICPE_ALREADY_CLAIMED', 'Demandez-vous déjà ce remboursement chaque année ?', 'Remboursement TICPE déjà demandé', null, 'boolean', null, null, null, null, null, null, '{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5","coach"]}'::jsonb, 240),
  ('LONG_DISTANCE_DRIVERS', 'Combien de chauffeurs grands routiers ou de conducteurs d''autocar (lignes régulières ou occasionnelles) employez-vous ?', 'Nombre de chauffeurs grands routiers', 'chauffeurs', 'integer', null, 0, 100000, 'EMPLOYEES', null, null, '{"all":[{"question":"SECTOR","op":"equals","value":"transport"},{"question":"EMPLOYEES","op":"gte","value":1}]}'::jsonb, 250),
  ('DFS_APPLIED', 'Appliquez-vous déjà la déduction forfaitaire spécifique sur leurs bulletins ?', 'DFS déjà appliquée', null, 'boolean', null, null, null, null, null, null, '{"question":"LONG_DISTANCE_DRIVERS","op":"gte","value":1}'::jsonb, 260)
on conflict (code) do update set text = excluded.text, label = excluded.label, unit = excluded.unit, type = excluded.type,
  options = excluded.options, min = excluded.min, max = excluded.max, max_from_question = excluded.max_from_question,
  max_per_unit_param = excluded.max_per_unit_param, hint = excluded.hint, show_when = excluded.show_when, sort_order = excluded.sort_order;

insert into parameters (code, label, unit, description, dated, sort_order) values
  ('GAZOLE_TARIFF', 'tarif gazole', '€/hl', 'Tarif de TICPE du gazole en France continentale (hors Corse : 59,40 €/hl en 2026).', true, 10),
  ('TRM_FLOOR', 'plancher TRM', '€/hl', 'Tarif plancher du gazole des véhicules de transport routier de marchandises de 7,5 t et plus.', true, 20),
  ('TCRP_FLOOR', 'plancher TCRP', '€/hl', 'Tarif plancher du gazole des autocars et autobus (transport collectif routier de personnes).', true, 30),
  ('FUEL_MAX_LITRES_PER_VEHICLE', 'plafond de vraisemblance', 'L', 'Au-delà, la consommation déclarée est refusée : un tracteur de 40 à 44 t consomme 25 000 à 45 000 L par an.', false, 40),
  ('DFS_RATE', 'taux DFS', '%', 'Taux de la déduction forfaitaire spécifique des chauffeurs du transport routier.', true, 50),
  ('DFS_SAVING_AT_REFERENCE', 'économie par chauffeur', '€', 'Économie de cotisations d’un chauffeur grand routier au taux de DFS de 19 %.', true, 60),
  ('ELECTRICITY_REFERENCE_PRICE', 'prix de référence', '€/MWh', 'Prix de l’énergie (hors acheminement et taxes) qu’une renégociation peut viser.', true, 70),
  ('GAS_REFERENCE_PRICE', 'prix de référence', '€/MWh', 'Prix du gaz (hors acheminement et taxes) qu’une renégociation peut viser.', true, 80),
  ('DEBT_RECOVERY_RATE_RECENT', 'taux de recouvrement à moins de 12 mois', '%', 'Part recouvrée des créances impayées depuis moins de 12 mois.', false, 90),
  ('DEBT_RECOVERY_RATE_OLD', 'taux de recouvrement à 12 mois ou plus', '%', 'Part recouvrée des créances impayées depuis 12 mois ou plus.', false, 100),
  ('LATE_PAYMENT_INDEMNITY', 'indemnité forfaitaire par facture', '€', 'Indemnité forfaitaire pour frais de recouvrement due par facture payée en retard.', false, 110);

insert into parameter_periods (parameter_code, valid_from, valid_to, value, source_label, source_short, source_url) values
  ('GAZOLE_TARIFF', '2024-01-01', '2024-12-31', 60.9, 'Arrêtés du 31 janvier et du 19 juillet 2023 (tarifs 2024 du gazole professionnel)', 'arrêtés 2023', 'https://www.legifrance.gouv.fr/'),
  ('GAZOLE_TARIFF', '2025-01-01', '2025-12-31', 60.94, 'Taux de remboursement 2025 du gazole professionnel (15,75 €/hl pour le TRM)', 'taux 2025', 'https://www.douane.gouv.fr/'),
  ('GAZOLE_TARIFF', '2026-01-01', null, 60.75, 'DREAL Centre-Val de Loire, taux de remboursement TICPE du gazole professionnel, janvier 2026', 'DREAL', 'https://www.centre-val-de-loire.developpement-durable.gouv.fr/'),
  ('TRM_FLOOR', '2020-01-01', null, 45.19, 'Loi de finances pour 2020 (planchers du gazole professionnel, art. L. 312-31 et suivants CIBS)', 'loi de finances 2020', 'https://www.legifrance.gouv.fr/'),
  ('TCRP_FLOOR', '2020-01-01', null, 39.19, 'Loi de finances pour 2020 (planchers du gazole professionnel, art. L. 312-31 et suivants CIBS)', 'loi de finances 2020', 'https://www.legifrance.gouv.fr/'),
  ('FUEL_MAX_LITRES_PER_VEHICLE', '2000-01-01', null, 60000, 'Contrôle de vraisemblance de la plateforme (consommations réelles de 25 000 à 45 000 L)', 'contrôle de vraisemblance', null),
  ('DFS_RATE', '2024-01-01', '2024-12-31', 19, 'BOSS, frais professionnels : fin progressive de la DFS dans le transport routier', 'BOSS', 'https://boss.gouv.fr/'),
  ('DFS_RATE', '2025-01-01', '2025-12-31', 18, 'BOSS, frais professionnels : fin progressive de la DFS dans le transport routier', 'BOSS', 'https://boss.gouv.fr/'),
  ('DFS_RATE', '2026-01-01', '2026-12-31', 17, 'BOSS, trajectoire de baisse de la DFS (un point par an, à confirmer chaque année)', 'BOSS, trajectoire', 'https://boss.gouv.fr/'),
  ('DFS_RATE', '2027-01-01', '2027-12-31', 16, 'BOSS, trajectoire de baisse de la DFS (un point par an, à confirmer chaque année)', 'BOSS, trajectoire', 'https://boss.gouv.fr/'),
  ('DFS_SAVING_AT_REFERENCE', '2024-01-01', null, 1500, 'L’Officiel des Transporteurs, 2024', 'L’Officiel des Transporteurs', 'https://www.wk-transport-logistique.fr/'),
  ('ELECTRICITY_REFERENCE_PRICE', '2026-01-01', null, 100, 'Hypothèse de la plateforme : prix moyen de l’énergie pour un contrat professionnel, modifiable', 'hypothèse de la plateforme', null),
  ('GAS_REFERENCE_PRICE', '2026-01-01', null, 45, 'Hypothèse de la plateforme : prix moyen de l’énergie pour un contrat professionnel, modifiable', 'hypothèse de la plateforme', null),
  ('DEBT_RECOVERY_RATE_RECENT', '2000-01-01', null, 75, 'FIGEC, statistiques de recouvrement', 'FIGEC', 'https://www.figec.com/'),
  ('DEBT_RECOVERY_RATE_OLD', '2000-01-01', null, 20, 'FIGEC, statistiques de recouvrement', 'FIGEC', 'https://www.figec.com/'),
  ('LATE_PAYMENT_INDEMNITY', '2013-01-01', null, 40, 'Code de commerce, art. D. 441-5', 'C. com. D441-5', 'https://www.legifrance.gouv.fr/');

update products set name = 'Remboursement partiel de TICPE', description = 'Remboursement d’une partie de la taxe intérieure sur le gazole des poids lourds de 7,5 t et plus, des autocars et des taxis.', rule = '{"any":[{"all":[{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5","coach"]},{"question":"TICPE_ALREADY_CLAIMED","op":"equals","value":false}]},{"question":"VEHICLE_TYPES","op":"includes_any","value":["taxi"]}]}'::jsonb, amount = '{"cases":[{"when":{"all":[{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5","coach"]},{"question":"TICPE_ALREADY_CLAIMED","op":"equals","value":false}]},"formula":{"op":"add","args":[{"op":"div","args":[{"op":"mul","args":[{"answer":"FUEL_LITRES_HEAVY_PER_YEAR","orZero":true},{"op":"sub","args":[{"param":"GAZOLE_TARIFF"},{"param":"TRM_FLOOR"}],"as":{"unit":"€/hl"}}]},{"num":100,"hidden":true}]},{"op":"div","args":[{"op":"mul","args":[{"answer":"FUEL_LITRES_COACH_PER_YEAR","orZero":true},{"op":"sub","args":[{"param":"GAZOLE_TARIFF"},{"param":"TCRP_FLOOR"}],"as":{"unit":"€/hl"}}]},{"num":100,"hidden":true}]}]},"period":"annual","zeroReason":"Aucun litre de gazole remboursable déclaré.","note":"Depuis 2025, la demande se fait auprès de la DGFiP avec la déclaration de TVA (annexe 3310-TIC), et non plus auprès de la Douane.","deadline":{"kind":"consumptionYears","years":2,"firstYear":2025,"text":"Vos consommations {year} peuvent être réclamées jusqu’au {date}."},"sources":[{"label":"Décret n° 2025-255 (remboursement avec la déclaration de TVA, délai de réclamation)","short":"décret 2025-255","url":"https://www.legifrance.gouv.fr/"}]}],"otherwise":{"explanation":"Les taxis sous licence ont droit à un remboursement de TICPE ; ce catalogue n’a pas encore de taux taxi : le montant sera établi par l’expert à partir de vos factures.","deadline":{"kind":"consumptionYears","years":2,"firstYear":2025,"text":"Vos consommations {year} peuvent être réclamées jusqu’au {date}."}}}'::jsonb,
  ineligible_when = '[{"when":{"question":"TICPE_ALREADY_CLAIMED","op":"equals","value":true},"reason":"Vous demandez déjà ce remboursement chaque année."},{"when":{"question":"VEHICLE_TYPES","op":"includes_any","value":["farm_machinery"]},"reason":"Le gazole non routier agricole est taxé à taux réduit à la pompe depuis le 1er juillet 2024 : il n’y a plus rien à réclamer."}]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"VEHICLE_REGISTRATIONS","label":"Certificats d’immatriculation des véhicules","required":true},{"code":"FUEL_INVOICES","label":"Factures de carburant et relevés de cartes carburant","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'TICPE';
update products set name = 'Optimisation des charges sociales (URSSAF)', description = 'Audit des cotisations sociales pour récupérer les réductions et exonérations non appliquées.', rule = '{"question":"EMPLOYEES","op":"gte","value":1}'::jsonb, amount = '{"cases":[],"otherwise":{"explanation":"L’expert audite vos cotisations des 3 dernières années : réduction générale, taux AT/MP, versement mobilité. Le montant dépend de vos bulletins : il l’établit après l’audit.","deadline":{"kind":"prescription","years":3,"text":"Les cotisations versées avant le {date} sont prescrites (CSS art. L243-6) : chaque mois qui passe en fait perdre un."},"sources":[{"label":"Code de la sécurité sociale, art. L243-6 (prescription de 3 ans)","short":"CSS L243-6","url":"https://www.legifrance.gouv.fr/"}]}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"PAYSLIPS","label":"Bulletins de paie","required":true},{"code":"DSN","label":"DSN des 12 derniers mois","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'URSSAF';
update products set name = 'Déduction forfaitaire spécifique (DFS)', description = 'Application de la déduction forfaitaire spécifique sur les cotisations des chauffeurs routiers.', rule = '{"all":[{"question":"SECTOR","op":"equals","value":"transport"},{"question":"LONG_DISTANCE_DRIVERS","op":"gte","value":1},{"question":"DFS_APPLIED","op":"equals","value":false}]}'::jsonb, amount = '{"cases":[{"formula":{"op":"div","args":[{"op":"mul","args":[{"answer":"LONG_DISTANCE_DRIVERS"},{"param":"DFS_SAVING_AT_REFERENCE"},{"param":"DFS_RATE"}]},{"num":19,"unit":"%","note":"taux de référence"}]},"period":"annual","zeroReason":"Le taux de DFS est nul à cette date.","note":"La DFS du transport routier baisse d’un point par an jusqu’à 0 % en 2035."}],"otherwise":{"explanation":""}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"PAYSLIPS","label":"Bulletins de paie des chauffeurs","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'DFS';
update products set name = 'Optimisation de la taxe foncière', description = 'Dégrèvement pour vacance et révision de la valeur locative de vos locaux professionnels.', rule = '{"all":[{"question":"OWNS_PREMISES","op":"equals","value":true},{"question":"PROPERTY_TAX","op":"gt","value":0}]}'::jsonb, amount = '{"cases":[{"when":{"all":[{"question":"PREMISES_USE","op":"includes_any","value":["commercial","industrial"]},{"question":"PREMISES_VACANT_MONTHS","op":"gte","value":3}]},"formula":{"op":"mul","args":[{"op":"div","args":[{"op":"mul","args":[{"answer":"PROPERTY_TAX"},{"answer":"VACANT_SHARE_PERCENT"}]},{"num":100,"hidden":true}]},{"op":"div","args":[{"answer":"PREMISES_VACANT_MONTHS"},{"num":12,"unit":"mois"}]}]},"period":"oneOff","zeroReason":"Aucune vacance ouvrant droit à dégrèvement.","note":"Dégrèvement pour vacance d’un local commercial ou industriel (CGI art. 1389).","deadline":{"kind":"endOfYear","yearsAfter":1,"text":"Le dégrèvement pour vacance est à réclamer avant le {date} (LPF art. R*196-5)."},"sources":[{"label":"Code général des impôts, art. 1389 (dégrèvement pour vacance)","short":"CGI 1389","url":"https://www.legifrance.gouv.fr/"},{"label":"Livre des procédures fiscales, art. R*196-5","short":"LPF R*196-5","url":"https://www.legifrance.gouv.fr/"}]}],"otherwise":{"explanation":"L’expert vérifie la valeur locative de vos locaux (surface, catégorie, coefficients) : le montant d’une éventuelle révision ne peut être établi qu’après ce contrôle."}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"PROPERTY_TAX_NOTICE","label":"Avis de taxe foncière","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'PROPERTY_TAX';
update products set name = 'Optimisation des cotisations MSA', description = 'Audit des cotisations à la Mutualité sociale agricole des exploitations et entreprises agricoles.', rule = '{"question":"SECTOR","op":"equals","value":"agriculture"}'::jsonb, amount = '{"cases":[],"otherwise":{"explanation":"L’expert vérifie les exonérations jeunes agriculteurs et travailleurs occasionnels (TO-DE) : le montant est établi après l’examen de vos appels de cotisations."}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"MSA_STATEMENTS","label":"Appels de cotisations MSA","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'MSA';
update products set name = 'Recouvrement de créances impayées', description = 'Recouvrement amiable puis judiciaire de vos factures impayées depuis plus de 90 jours.', rule = '{"question":"UNPAID_INVOICES","op":"gt","value":0}'::jsonb, amount = '{"cases":[{"formula":{"op":"add","args":[{"op":"div","args":[{"op":"mul","args":[{"answer":"UNPAID_INVOICES"},{"choose":"UNPAID_AGE","cases":{"under_12_months":{"param":"DEBT_RECOVERY_RATE_RECENT"},"over_12_months":{"param":"DEBT_RECOVERY_RATE_OLD"}}}]},{"num":100,"hidden":true}]},{"op":"mul","args":[{"answer":"UNPAID_INVOICE_COUNT"},{"param":"LATE_PAYMENT_INDEMNITY"}]}]},"period":"oneOff","zeroReason":"Aucune créance à recouvrer.","deadline":{"kind":"note","text":"Chaque facture peut être recouvrée pendant 5 ans à compter de son échéance (C. com. art. L110-4)."},"sources":[{"label":"Code de commerce, art. L110-4 (prescription de 5 ans)","short":"C. com. L110-4","url":"https://www.legifrance.gouv.fr/"}]}],"otherwise":{"explanation":""}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"UNPAID_INVOICES","label":"Factures impayées et relances","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'DEBT_RECOVERY';
update products set name = 'Renégociation du contrat d''électricité', description = 'Mise en concurrence des fournisseurs et renégociation de votre contrat d’électricité professionnel.', rule = '{"question":"HAS_ELECTRICITY_CONTRACT","op":"equals","value":true}'::jsonb, amount = '{"cases":[{"formula":{"op":"mul","args":[{"answer":"ELECTRICITY_MWH_PER_YEAR"},{"op":"max","args":[{"num":0},{"op":"sub","args":[{"answer":"ELECTRICITY_PRICE_PER_MWH"},{"param":"ELECTRICITY_REFERENCE_PRICE"}]}]}]},"period":"annual","zeroReason":"Votre prix est déjà sous le prix de référence.","note":"Le prix de référence est une hypothèse de la plateforme, pas un prix garanti."}],"otherwise":{"explanation":""}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"ENERGY_BILLS","label":"Factures d''électricité récentes","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'ELECTRICITY_SUPPLIER';
update products set name = 'Renégociation du contrat de gaz', description = 'Mise en concurrence des fournisseurs et renégociation de votre contrat de gaz professionnel.', rule = '{"question":"HAS_GAS_CONTRACT","op":"equals","value":true}'::jsonb, amount = '{"cases":[{"formula":{"op":"mul","args":[{"answer":"GAS_MWH_PER_YEAR"},{"op":"max","args":[{"num":0},{"op":"sub","args":[{"answer":"GAS_PRICE_PER_MWH"},{"param":"GAS_REFERENCE_PRICE"}]}]}]},"period":"annual","zeroReason":"Votre prix est déjà sous le prix de référence.","note":"Le prix de référence est une hypothèse de la plateforme, pas un prix garanti."}],"otherwise":{"explanation":""}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"GAS_BILLS","label":"Factures de gaz récentes","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'GAS_SUPPLIER';
update products set name = 'Chronotachygraphes numériques', description = 'Équipement et maintenance des chronotachygraphes numériques de vos poids lourds et autocars.', rule = '{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_3_5_to_7_5","truck_over_7_5","coach"]}'::jsonb, amount = '{"cases":[],"otherwise":{"explanation":"Mise en conformité de votre flotte et suivi des temps de conduite, sans amende."}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'DIGITAL_TACHOGRAPH';
update products set name = 'Logiciel de gestion des temps de conduite', description = 'Logiciel d’analyse des temps de conduite et de repos de vos chauffeurs.', rule = '{"all":[{"question":"SECTOR","op":"equals","value":"transport"},{"question":"HAS_VEHICLES","op":"equals","value":true}]}'::jsonb, amount = '{"cases":[],"otherwise":{"explanation":"Temps de conduite analysés automatiquement et infractions évitées."}}'::jsonb,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'FLEET_SOFTWARE';
update products set name = 'Certificats d''économies d''énergie', description = 'Financement de travaux d’économies d’énergie par les certificats d’économies d’énergie.', rule = null, amount = null,
  ineligible_when = '[]'::jsonb, sources = '[]'::jsonb, checklist = '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, formula = null, params = '{}'::jsonb, updated_at = now()
  where code = 'CEE';
