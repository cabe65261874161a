-- Simulator: the product catalogue and questionnaire (admin-editable data the engine reads),
-- simulations kept with their answers, result and engine version, and the first shape of
-- dossiers created from a simulation (the dossier workflow extends it).

create table questions (
  code text primary key,
  text text not null,
  label text not null,
  unit text,
  type text not null check (type in ('single_choice', 'multiple_choice', 'amount', 'integer', 'boolean')),
  options jsonb,
  min numeric,
  max numeric,
  max_from_question text references questions (code),
  show_when jsonb,
  sort_order integer not null
);

create table products (
  code text primary key,
  name text not null,
  category text not null,
  description text not null,
  active boolean not null default true,
  track text not null check (track in ('full', 'short')),
  rule jsonb,
  formula jsonb,
  params jsonb not null default '{}',
  checklist jsonb not null default '[]',
  sort_order integer not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

-- An anonymous simulation is reached only with its token (stored hashed); once attached to a
-- client it belongs to that client and no longer expires.
create table simulations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  client_id uuid references users (id) on delete cascade,
  answers jsonb not null default '{}',
  result jsonb,
  engine_version text,
  catalogue jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  evaluated_at timestamptz,
  expires_at timestamptz
);
create index simulations_client_idx on simulations (client_id, created_at desc);
create index simulations_expiry_idx on simulations (expires_at) where client_id is null;

create table dossiers (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references users (id) on delete cascade,
  product_code text not null references products (code),
  track text not null check (track in ('full', 'short')),
  status text not null default 'eligible',
  progress integer default 0,
  estimated_amount_cents bigint,
  estimate_explanation text not null default '',
  simulation_id uuid references simulations (id),
  no_longer_eligible boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One open dossier per client and product; a new one may follow a closed one.
create unique index dossiers_open_product_key on dossiers (client_id, product_code)
  where status not in ('admin_rejected', 'claim_refused', 'completed', 'cancelled');
create index dossiers_client_idx on dossiers (client_id, created_at desc, id desc);

-- Earlier estimates of a dossier, replaced when a re-run simulation updated it.
create table dossier_estimates (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers (id) on delete cascade,
  simulation_id uuid references simulations (id),
  amount_cents bigint,
  explanation text not null,
  created_at timestamptz not null default now()
);
create index dossier_estimates_dossier_idx on dossier_estimates (dossier_id, created_at desc);

alter table questions enable row level security;
alter table products enable row level security;
alter table simulations enable row level security;
alter table dossiers enable row level security;
alter table dossier_estimates enable row level security;

create policy questions_public_read on questions for select using (true);
create policy products_public_read on products for select using (true);
create policy products_admin_write on products for update using (app_current_role() = 'admin');

-- A simulation is visible to the client it belongs to, to whoever presents its token, and to admins.
create policy simulations_access on simulations
  using (
    client_id = app_current_user_id()
    or (client_id is null and token_hash = current_setting('app.simulation_token_hash', true))
    or app_current_role() = 'admin'
  )
  with check (
    client_id = app_current_user_id()
    or (client_id is null and token_hash = current_setting('app.simulation_token_hash', true))
  );

create policy dossiers_client_or_admin on dossiers
  using (client_id = app_current_user_id() or app_current_role() = 'admin')
  with check (client_id = app_current_user_id() or app_current_role() = 'admin');
create policy dossier_estimates_via_dossier on dossier_estimates
  using (exists (select 1 from dossiers d where d.id = dossier_id));

grant select on questions, products to app_user;
grant update (name, category, description, active, rule, params, checklist, updated_at, updated_by)
  on products to app_user;
grant select, insert, update on simulations to app_user;
grant select, insert on dossiers to app_user;
grant update (estimated_amount_cents, estimate_explanation, simulation_id, no_longer_eligible, updated_at)
  on dossiers to app_user;
grant select, insert on dossier_estimates to app_user;
grant usage on sequence dossier_estimates_id_seq to app_user;

-- The default catalogue of spec/simulator.md (packages/domain/src/simulator/catalogue.ts).
insert into questions (code, text, label, unit, type, options, min, max, max_from_question, show_when, sort_order) values
  ('SECTOR', 'Quel est le secteur d''activité de votre entreprise ?', 'Secteur d''activité', null, 'single_choice', '[{"code":"transport","label":"Transport et logistique"},{"code":"agriculture","label":"Agriculture et agroalimentaire"},{"code":"construction","label":"BTP et construction"},{"code":"industry","label":"Industrie"},{"code":"retail","label":"Commerce et distribution"},{"code":"services","label":"Services aux entreprises"},{"code":"hospitality","label":"Hôtellerie et restauration"},{"code":"health","label":"Santé et social"},{"code":"other","label":"Autre"}]'::jsonb, null, null, null, null, 1),
  ('ANNUAL_TURNOVER', 'Quel est votre chiffre d''affaires annuel ?', 'Chiffre d''affaires annuel', '€', 'amount', null, 0, 10000000000, null, null, 2),
  ('EMPLOYEES', 'Combien de salariés employez-vous ?', 'Nombre de salariés', 'salariés', 'integer', null, 0, 100000, null, null, 3),
  ('OWNS_PREMISES', 'Êtes-vous propriétaire de vos locaux professionnels ?', 'Propriétaire des locaux', null, 'boolean', null, null, null, null, null, 4),
  ('PROPERTY_TAX', 'Quel est le montant annuel de votre taxe foncière ?', 'Taxe foncière annuelle', '€', 'amount', null, 0, 100000000, null, '{"question":"OWNS_PREMISES","op":"equals","value":true}'::jsonb, 5),
  ('UNPAID_INVOICES', 'Quel est le montant total de vos factures impayées depuis plus de 90 jours ? (0 si aucune)', 'Factures impayées de plus de 90 jours', '€', 'amount', null, 0, 1000000000, null, null, 6),
  ('HAS_ELECTRICITY_CONTRACT', 'Avez-vous un contrat d''électricité professionnel ?', 'Contrat d''électricité', null, 'boolean', null, null, null, null, null, 7),
  ('ELECTRICITY_MONTHLY_BILL', 'Montant mensuel moyen de vos factures d''électricité ?', 'Facture mensuelle d''électricité', '€', 'amount', null, 0, 10000000, null, '{"question":"HAS_ELECTRICITY_CONTRACT","op":"equals","value":true}'::jsonb, 8),
  ('HAS_GAS_CONTRACT', 'Avez-vous un contrat de gaz professionnel ?', 'Contrat de gaz', null, 'boolean', null, null, null, null, null, 9),
  ('GAS_MONTHLY_BILL', 'Montant mensuel moyen de vos factures de gaz ?', 'Facture mensuelle de gaz', '€', 'amount', null, 0, 10000000, null, '{"question":"HAS_GAS_CONTRACT","op":"equals","value":true}'::jsonb, 10),
  ('HAS_VEHICLES', 'Votre entreprise possède-t-elle des véhicules professionnels ?', 'Véhicules professionnels', null, 'boolean', null, null, null, null, null, 11),
  ('VEHICLE_TYPES', 'Quels types de véhicules ?', 'Types de véhicules', null, 'multiple_choice', '[{"code":"light","label":"Véhicules légers et utilitaires (< 3,5 t)"},{"code":"truck_3_5_to_7_5","label":"Camions de 3,5 à 7,5 t"},{"code":"truck_over_7_5","label":"Camions de plus de 7,5 t"},{"code":"coach","label":"Autocars et autobus"},{"code":"taxi","label":"Taxis et VTC"},{"code":"farm_machinery","label":"Tracteurs et engins agricoles"},{"code":"construction_machinery","label":"Engins de chantier"}]'::jsonb, null, null, null, '{"question":"HAS_VEHICLES","op":"equals","value":true}'::jsonb, 12),
  ('FUEL_LITRES_PER_MONTH', 'Consommation mensuelle de gazole (litres) ?', 'Consommation mensuelle de gazole', 'L', 'integer', null, 0, 10000000, null, '{"question":"HAS_VEHICLES","op":"equals","value":true}'::jsonb, 13),
  ('DRIVERS', 'Combien de chauffeurs salariés ?', 'Nombre de chauffeurs', 'chauffeurs', 'integer', null, 0, 100000, 'EMPLOYEES', '{"question":"HAS_VEHICLES","op":"equals","value":true}'::jsonb, 14);

insert into products (code, name, category, description, active, track, rule, formula, params, checklist, sort_order) values
  ('TICPE', 'Remboursement partiel de TICPE', 'Énergie', 'Remboursement d’une partie de la taxe intérieure sur le gazole consommé par les poids lourds, autocars, taxis et engins agricoles.', true, 'full', '{"all":[{"question":"HAS_VEHICLES","op":"equals","value":true},{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_over_7_5","coach","taxi","farm_machinery"]},{"question":"FUEL_LITRES_PER_MONTH","op":"gt","value":0}]}'::jsonb, '{"kind":"multiply","factors":[{"source":"question","key":"FUEL_LITRES_PER_MONTH"},{"source":"param","key":"months","unit":"mois"},{"source":"param","key":"refundPerLitre","unit":"€/L"}]}'::jsonb, '{"months":12,"refundPerLitre":0.2}'::jsonb, '[{"code":"VEHICLE_REGISTRATIONS","label":"Certificats d’immatriculation des véhicules","required":true},{"code":"FUEL_INVOICES","label":"Factures de carburant des 12 derniers mois","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 1),
  ('URSSAF', 'Optimisation des charges sociales (URSSAF)', 'Social', 'Audit des cotisations sociales pour récupérer les réductions et exonérations non appliquées.', true, 'full', '{"question":"EMPLOYEES","op":"gte","value":1}'::jsonb, '{"kind":"multiply","factors":[{"source":"question","key":"EMPLOYEES"},{"source":"param","key":"averagePayroll","unit":"€"},{"source":"param","key":"rate","percent":true}]}'::jsonb, '{"averagePayroll":35000,"rate":0.1}'::jsonb, '[{"code":"PAYSLIPS","label":"Bulletins de paie","required":true},{"code":"DSN","label":"DSN des 12 derniers mois","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 2),
  ('DFS', 'Déduction forfaitaire spécifique (DFS)', 'Social', 'Application de la déduction forfaitaire spécifique sur les cotisations des chauffeurs routiers.', true, 'full', '{"all":[{"question":"SECTOR","op":"equals","value":"transport"},{"question":"DRIVERS","op":"gte","value":1}]}'::jsonb, '{"kind":"multiply","factors":[{"source":"question","key":"DRIVERS"},{"source":"param","key":"monthlySaving","unit":"€"},{"source":"param","key":"months","unit":"mois"}]}'::jsonb, '{"monthlySaving":150,"months":12}'::jsonb, '[{"code":"PAYSLIPS","label":"Bulletins de paie des chauffeurs","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 3),
  ('PROPERTY_TAX', 'Optimisation de la taxe foncière', 'Fiscal', 'Révision de la valeur locative cadastrale de vos locaux professionnels.', true, 'full', '{"all":[{"question":"OWNS_PREMISES","op":"equals","value":true},{"question":"PROPERTY_TAX","op":"gt","value":0}]}'::jsonb, '{"kind":"percentage","question":"PROPERTY_TAX","rateParam":"rate"}'::jsonb, '{"rate":0.2}'::jsonb, '[{"code":"PROPERTY_TAX_NOTICE","label":"Avis de taxe foncière","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 4),
  ('MSA', 'Optimisation des cotisations MSA', 'Social', 'Audit des cotisations à la Mutualité sociale agricole des exploitations et entreprises agricoles.', true, 'full', '{"all":[{"question":"SECTOR","op":"equals","value":"agriculture"},{"question":"ANNUAL_TURNOVER","op":"gt","value":0}]}'::jsonb, '{"kind":"percentage","question":"ANNUAL_TURNOVER","rateParam":"rate"}'::jsonb, '{"rate":0.065}'::jsonb, '[{"code":"MSA_STATEMENTS","label":"Appels de cotisations MSA","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 5),
  ('DEBT_RECOVERY', 'Recouvrement de créances impayées', 'Juridique', 'Recouvrement amiable puis judiciaire de vos factures impayées depuis plus de 90 jours.', true, 'full', '{"question":"UNPAID_INVOICES","op":"gt","value":0}'::jsonb, '{"kind":"percentage","question":"UNPAID_INVOICES","rateParam":"rate"}'::jsonb, '{"rate":1}'::jsonb, '[{"code":"UNPAID_INVOICES","label":"Factures impayées et relances","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 6),
  ('ELECTRICITY_SUPPLIER', 'Renégociation du contrat d''électricité', 'Énergie', 'Mise en concurrence des fournisseurs et renégociation de votre contrat d’électricité professionnel.', true, 'short', '{"all":[{"question":"HAS_ELECTRICITY_CONTRACT","op":"equals","value":true},{"question":"ELECTRICITY_MONTHLY_BILL","op":"gt","value":0}]}'::jsonb, '{"kind":"multiply","factors":[{"source":"question","key":"ELECTRICITY_MONTHLY_BILL"},{"source":"param","key":"months","unit":"mois"},{"source":"param","key":"saving","percent":true}]}'::jsonb, '{"months":12,"saving":0.2}'::jsonb, '[{"code":"ENERGY_BILLS","label":"Factures d''électricité récentes","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 7),
  ('GAS_SUPPLIER', 'Renégociation du contrat de gaz', 'Énergie', 'Mise en concurrence des fournisseurs et renégociation de votre contrat de gaz professionnel.', true, 'short', '{"all":[{"question":"HAS_GAS_CONTRACT","op":"equals","value":true},{"question":"GAS_MONTHLY_BILL","op":"gt","value":0}]}'::jsonb, '{"kind":"multiply","factors":[{"source":"question","key":"GAS_MONTHLY_BILL"},{"source":"param","key":"months","unit":"mois"},{"source":"param","key":"saving","percent":true}]}'::jsonb, '{"months":12,"saving":0.2}'::jsonb, '[{"code":"GAS_BILLS","label":"Factures de gaz récentes","required":true},{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 8),
  ('DIGITAL_TACHOGRAPH', 'Chronotachygraphes numériques', 'Équipement', 'Équipement et maintenance des chronotachygraphes numériques de vos poids lourds et autocars.', true, 'short', '{"question":"VEHICLE_TYPES","op":"includes_any","value":["truck_3_5_to_7_5","truck_over_7_5","coach"]}'::jsonb, '{"kind":"qualitative","benefit":"Mise en conformité de votre flotte et suivi des temps de conduite, sans amende."}'::jsonb, '{}'::jsonb, '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 9),
  ('FLEET_SOFTWARE', 'Logiciel de gestion des temps de conduite', 'Équipement', 'Logiciel d’analyse des temps de conduite et de repos de vos chauffeurs.', true, 'short', '{"all":[{"question":"SECTOR","op":"equals","value":"transport"},{"question":"DRIVERS","op":"gte","value":1}]}'::jsonb, '{"kind":"qualitative","benefit":"Temps de conduite analysés automatiquement et infractions évitées."}'::jsonb, '{}'::jsonb, '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 10),
  ('CEE', 'Certificats d''économies d''énergie', 'Énergie', 'Financement de travaux d’économies d’énergie par les certificats d’économies d’énergie.', false, 'full', null, null, '{}'::jsonb, '[{"code":"KBIS","label":"Extrait Kbis de moins de 3 mois","required":true},{"code":"RIB","label":"Relevé d''identité bancaire (RIB)","required":true}]'::jsonb, 11);
