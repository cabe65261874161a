-- Documents: files exchanged on a dossier, each upload a new version; nothing is overwritten.

create table documents (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references users (id),
  dossier_id uuid not null references dossiers (id) on delete cascade,
  item_id uuid references dossier_items (id) on delete set null,
  created_at timestamptz not null default now()
);
create index documents_dossier_idx on documents (dossier_id);
create unique index documents_item_key on documents (item_id) where item_id is not null;

create table document_versions (
  document_id uuid not null references documents (id) on delete cascade,
  version integer not null,
  storage_key text not null unique,
  sha256 text not null,
  size_bytes bigint not null,
  mime_type text not null,
  file_name text not null,
  uploaded_by uuid references users (id),
  uploaded_at timestamptz not null default now(),
  primary key (document_id, version)
);

alter table documents enable row level security;
alter table document_versions enable row level security;
-- Whoever may see the dossier may see its documents; the dossier's policies decide.
create policy documents_with_dossier on documents using (dossier_id in (select id from dossiers));
create policy document_versions_with_document on document_versions
  using (document_id in (select id from documents));

grant select, insert on documents, document_versions to app_user;
