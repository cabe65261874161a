-- The expert's usual video-call link, offered first when an appointment is proposed on one of its
-- dossiers (with its phone), so nobody types it again for each meeting.
alter table expert_profiles add column meeting_link text;
-- Experts edit it with the rest of their profile, as the application role.
grant update (meeting_link) on expert_profiles to app_user;
