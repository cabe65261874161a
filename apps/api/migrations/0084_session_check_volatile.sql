-- app_session_unchanged exists to raise an error: marked volatile, the planner may never skip,
-- fold or cache the call, wherever a statement puts it (0083 declared it stable).
alter function app_session_unchanged(uuid, text) volatile;
