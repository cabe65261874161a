-- Documents: review recorded per version, a client may hide an unreviewed upload, an admin may
-- purge the bytes (a tombstone row stays), and company documents are reused across dossiers by
-- pointing a new version at the same stored bytes.

-- Reuse points several versions at one stored object, so the key is no longer unique.
alter table document_versions drop constraint document_versions_storage_key_key;
create index document_versions_storage_key_idx on document_versions (storage_key);

alter table document_versions
  add column review_status text check (review_status in ('approved', 'rejected')),
  add column review_reason text,
  add column reviewed_by uuid references users (id),
  add column reviewed_at timestamptz,
  add column hidden_at timestamptz,
  add column hidden_by uuid references users (id),
  add column purged_at timestamptz,
  add column purged_by uuid references users (id),
  add column purge_reason text,
  add column reused_from_document_id uuid references documents (id) on delete set null,
  add column reused_from_version integer,
  add constraint document_versions_purge_reason check (purged_at is null or purge_reason is not null);

-- Reviews made before this migration were stored on the item only: they concern its latest version.
update document_versions v
set review_status = i.status, review_reason = i.reason, reviewed_at = i.updated_at
from documents d
join dossier_items i on i.id = d.item_id
where v.document_id = d.id
  and i.status in ('approved', 'rejected')
  and v.version = (select max(w.version) from document_versions w where w.document_id = d.id);

-- Tenant isolation stays with the existing policies (whoever sees the document); which role may
-- review, hide or purge is the service's policy. Only these columns ever change.
grant update (review_status, review_reason, reviewed_by, reviewed_at, hidden_at, hidden_by,
  purged_at, purged_by, purge_reason) on document_versions to app_user;

create index documents_client_idx on documents (client_id, created_at desc, id desc);
