-- Notifications carry their template and parameters (product code and name, dates, a typed
-- reason…) so each reader sees them in its own language and each e-mail goes out in the
-- recipient's; title and body keep the French rendering. Older rows have neither: their French
-- text stands.
alter table notifications add column template text, add column params jsonb;
alter table notification_emails add column template text, add column params jsonb;
