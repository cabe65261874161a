-- Paperwork that holds in France (issue #16): the client's billing identity, Factur-X invoices
-- and credit notes with their life cycle, and engagement letters / mandates signed in the app.

-- The seller on every invoice and letter. Kept in the database (synced from configuration at
-- start-up) so an invoice issued inside any transaction snapshots the identity then in force.
create table platform_identity (
  id boolean primary key default true check (id),
  legal_name text not null,
  legal_form text not null,
  siren char(9) not null,
  vat_number text not null,
  rcs text not null,
  street text not null,
  postcode text not null,
  city text not null,
  country char(2) not null default 'FR',
  iban text not null,
  bic text,
  vat_on_debits boolean not null default false,
  updated_at timestamptz not null default now()
);
alter table platform_identity enable row level security;
create policy platform_identity_read on platform_identity for select using (true);
grant select on platform_identity to app_user;

-- Billing identity of a client company, required before its first invoice.
alter table client_profiles
  add column billing_street text,
  add column billing_postcode text,
  add column billing_city text,
  add column billing_country char(2) not null default 'FR',
  add column vat_number text;
grant update (billing_street, billing_postcode, billing_city, billing_country, vat_number)
  on client_profiles to app_user;

-- Invoices and credit notes share one gap-free sequence per year (invoice_counters).
alter table invoices drop constraint invoices_dossier_id_key;
alter table invoices
  add column kind text not null default 'invoice' check (kind in ('invoice', 'credit_note')),
  add column credited_invoice_id uuid references invoices (id),
  add column reason text,
  add column seller jsonb,
  add column buyer jsonb,
  add column line_label text,
  add column service_date date,
  add column status text not null default 'issued'
    check (status in ('issued', 'made_available', 'received', 'refused', 'paid')),
  add column facturx_pdf bytea,
  add column facturx_xml text,
  add column facturx_sha256 char(64),
  add column transmitted_at timestamptz,
  add column transmission_reference text,
  add constraint invoices_credit_reference_check
    check ((kind = 'credit_note') = (credited_invoice_id is not null));
create unique index invoices_one_invoice_per_dossier on invoices (dossier_id) where kind = 'invoice';
create index invoices_issued_idx on invoices (issued_at);

-- An issued invoice is never edited: only its life cycle (status, payment, transmission) moves.
create or replace function app_guard_invoice_immutable() returns trigger
language plpgsql as $$
begin
  if (new.number, new.kind, new.dossier_id, new.client_id, new.base_cents, new.fee_excl_vat_cents,
      new.vat_cents, new.total_incl_vat_cents, new.issued_at, new.due_on, new.facturx_sha256)
     is distinct from
     (old.number, old.kind, old.dossier_id, old.client_id, old.base_cents, old.fee_excl_vat_cents,
      old.vat_cents, old.total_incl_vat_cents, old.issued_at, old.due_on, old.facturx_sha256)
     or (old.facturx_pdf is not null and new.facturx_pdf is distinct from old.facturx_pdf) then
    raise exception 'an issued invoice cannot be edited; issue a credit note' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger invoices_immutable before update on invoices
  for each row execute function app_guard_invoice_immutable();
create or replace function app_forbid_delete() returns trigger
language plpgsql as $$
begin
  raise exception '% rows are never deleted', tg_table_name using errcode = '42501';
end
$$;
create trigger invoices_no_delete before delete on invoices
  for each row execute function app_forbid_delete();

grant update (status, paid_at, transmitted_at, transmission_reference) on invoices to app_user;

-- Life cycle of each invoice (issued, made available, received, refused, paid), with dates.
create table invoice_events (
  id bigint generated always as identity primary key,
  invoice_id uuid not null references invoices (id),
  status text not null check (status in ('issued', 'made_available', 'received', 'refused', 'paid')),
  actor_id uuid references users (id),
  note text,
  occurred_at timestamptz not null default now()
);
create index invoice_events_invoice_idx on invoice_events (invoice_id, id);
alter table invoice_events enable row level security;
create policy invoice_events_with_invoice on invoice_events using (invoice_id in (select id from invoices));
grant select, insert on invoice_events to app_user;
grant usage on sequence invoice_events_id_seq to app_user;

-- Templates of the engagement letter and the mandate, versioned: a new version is a new row.
create table engagement_templates (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('mission', 'mandate')),
  version integer not null,
  title text not null,
  body text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (kind, version)
);
alter table engagement_templates enable row level security;
create policy engagement_templates_read on engagement_templates for select using (true);
create policy engagement_templates_admin_insert on engagement_templates for insert
  with check (app_current_role() = 'admin');
grant select, insert on engagement_templates to app_user;

-- One generated document per dossier, kind and expert; signing and revocation are recorded here.
create table engagement_documents (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers (id),
  expert_id uuid not null references users (id),
  kind text not null check (kind in ('mission', 'mandate')),
  template_id uuid not null references engagement_templates (id),
  template_version integer not null,
  title text not null,
  body text not null,
  pdf bytea not null,
  sha256 char(64) not null,
  status text not null default 'pending' check (status in ('pending', 'signed', 'revoked')),
  created_at timestamptz not null default now(),
  signed_at timestamptz,
  signer_user_id uuid references users (id),
  signer_name text,
  signer_capacity text,
  consent_text text,
  signer_ip text,
  signer_user_agent text,
  signed_pdf bytea,
  signed_sha256 char(64),
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  revocation_reason text,
  unique (dossier_id, expert_id, kind)
);
alter table engagement_documents enable row level security;
create policy engagement_documents_with_dossier on engagement_documents
  using (dossier_id in (select id from dossiers));
grant select, insert on engagement_documents to app_user;
grant update (status, signed_at, signer_user_id, signer_name, signer_capacity, consent_text, signer_ip,
  signer_user_agent, signed_pdf, signed_sha256, revoked_at, revoked_by, revocation_reason)
  on engagement_documents to app_user;
create trigger engagement_documents_no_delete before delete on engagement_documents
  for each row execute function app_forbid_delete();

-- Version 1 of each template. {{…}} are filled when an expert accepts a dossier; admins publish
-- later versions from the back office (documents already generated keep theirs).
insert into engagement_templates (kind, version, title, body) values
('mission', 1, 'Lettre de mission',
$$Entre {{clientCompany}}, SIREN {{clientSiren}}, {{clientAddress}}, représentée par {{clientRepresentative}} (le « Client »),
et {{expertFirm}}, SIREN {{expertSiren}}, représenté par {{expertName}} (l'« Expert »),
par l'intermédiaire de la plateforme {{platformName}}, SIREN {{platformSiren}} (la « Plateforme »).

1. Objet et étendue de la mission
Le Client confie à l'Expert, qui l'accepte, l'analyse de sa situation au titre du dispositif « {{productName}} » (dossier {{dossierReference}}) : revue des pièces transmises, chiffrage des sommes récupérables, préparation et suivi de la demande auprès de {{authority}}. L'Expert est tenu d'une obligation de moyens.

2. Honoraires
Les honoraires sont exclusivement de résultat : {{feeRate}} hors taxes du montant effectivement accordé par l'administration ou le tiers concerné (taux ajustable par l'Expert dans la fourchette {{feeRange}}, arrêté lors de l'acceptation de l'audit par le Client), majorés de la TVA au taux en vigueur (20 %). Aucun honoraire n'est dû si aucune somme n'est obtenue. La Plateforme facture le Client pour le compte de l'Expert et lui reverse ces honoraires, déduction faite de sa commission. Les factures sont payables à 30 jours ; tout retard entraîne des pénalités égales à trois fois le taux d'intérêt légal et une indemnité forfaitaire de 40 € pour frais de recouvrement.

3. Durée
La mission prend effet à la signature de la présente lettre et s'achève au paiement de la facture finale, ou au plus tard douze mois après la dernière décision de l'administration.

4. Résiliation
Chaque partie peut mettre fin à la mission à tout moment par écrit depuis la Plateforme. Les honoraires restent dus sur les sommes accordées au titre de demandes déposées avant la résiliation.

5. Protection des données
Les données personnelles et les pièces transmises ne sont utilisées que pour l'exécution de la mission, conformément au RGPD. Elles sont hébergées dans l'Union européenne, conservées pendant la durée légale de conservation des pièces comptables, et chacun peut exercer ses droits d'accès, de rectification et d'effacement auprès de la Plateforme.

6. Confidentialité
L'Expert est tenu au secret professionnel pour toutes les informations dont il a connaissance.

Fait le {{date}}, par signature électronique sur la Plateforme.$$),
('mandate', 1, 'Mandat de représentation',
$$Le soussigné {{clientRepresentative}}, agissant en qualité de représentant légal de {{clientCompany}}, SIREN {{clientSiren}}, {{clientAddress}} (le « Mandant »),
donne mandat à {{expertFirm}}, SIREN {{expertSiren}}, représenté par {{expertName}} (le « Mandataire »),

de le représenter auprès de {{authority}} pour le dispositif « {{productName}} » (dossier {{dossierReference}}), pour la période {{period}}.

Le Mandataire est autorisé, au nom et pour le compte du Mandant, à :
- déposer les demandes de remboursement, de dégrèvement ou de régularisation et les réclamations correspondantes ;
- produire et recevoir toutes pièces justificatives, demandes de renseignements et correspondances ;
- recevoir notification des décisions et en informer le Mandant sans délai.

Le Mandataire n'est pas autorisé à encaisser les sommes accordées, qui sont versées directement au Mandant.

Le présent mandat prend effet à sa signature. Il peut être révoqué à tout moment par le Mandant depuis la Plateforme {{platformName}} ; la révocation est enregistrée et notifiée au Mandataire, et prend effet à sa date.

Fait le {{date}}, par signature électronique sur la Plateforme.$$);
