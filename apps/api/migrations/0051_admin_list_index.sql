-- The admin's dossier list reads a page of ids from this index alone (an index-only scan: the
-- row-level-security policy needs client_id and id, both in it), then those dossiers. With
-- dossiers_created_idx the policy's filter had to visit the table, and at 10 000 dossiers the
-- planner preferred reading and sorting all of them (docs/performance.md, deep lists).
create index dossiers_created_list_idx on dossiers (created_at desc, id desc) include (client_id);
drop index dossiers_created_idx;
