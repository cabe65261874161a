-- The admin's dossier list (every dossier, newest first, keyset on created_at then id) reads this
-- index range instead of sorting the whole table. Clients use dossiers_client_idx; experts reach
-- their few dossiers through expert_assignments_expert_idx.
create index dossiers_created_idx on dossiers (created_at desc, id desc);
