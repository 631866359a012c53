-- Tells every server process which remembered sessions a committed write makes stale
-- (src/server/auth/session-cache.ts). Each process remembers what resolveSession read for a
-- session (the session row and its person) rather than reading it on every request; these
-- notices are what keep "sign out everywhere", suspensions, password changes, role changes and
-- account deletion taking effect at a session's next request. Triggers rather than calls in the
-- app, so that no mutation, job, script or hand-written SQL can change a session or its person
-- without the caches hearing of it. pg_notify is transactional: a notice is delivered when the
-- writing transaction commits, never when it rolls back.
--
-- Notices on channel session_cache:
--   session:<id>  that session changed or was deleted
--   user:<id>     that person changed (anything but the columns listed below) or was deleted;
--                 their two-step sign-in was switched on or off
--   all           a table was truncated
-- Not sent: new sessions (nothing remembers them yet), a session's lastSeenAt and userAgent (the
-- app touches lastSeenAt itself), a person's updatedAt alone, a two-step code being used.
CREATE FUNCTION session_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('session_cache', 'all');
  ELSE
    -- TG_ARGV: the kind of notice, and the column of the changed row that names its owner.
    PERFORM pg_notify('session_cache', TG_ARGV[0] || ':' || (changed->>TG_ARGV[1]));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER session_cache_session_update AFTER UPDATE ON "AuthSession" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastSeenAt' - 'userAgent') IS DISTINCT FROM (to_jsonb(NEW) - 'lastSeenAt' - 'userAgent'))
  EXECUTE FUNCTION session_cache_notify('session', 'id');
CREATE TRIGGER session_cache_session_delete AFTER DELETE ON "AuthSession" FOR EACH ROW
  EXECUTE FUNCTION session_cache_notify('session', 'id');
CREATE TRIGGER session_cache_session_truncate AFTER TRUNCATE ON "AuthSession" FOR EACH STATEMENT
  EXECUTE FUNCTION session_cache_notify();

CREATE TRIGGER session_cache_user_update AFTER UPDATE ON "User" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'updatedAt'))
  EXECUTE FUNCTION session_cache_notify('user', 'id');
CREATE TRIGGER session_cache_user_delete AFTER DELETE ON "User" FOR EACH ROW
  EXECUTE FUNCTION session_cache_notify('user', 'id');
CREATE TRIGGER session_cache_user_truncate AFTER TRUNCATE ON "User" FOR EACH STATEMENT
  EXECUTE FUNCTION session_cache_notify();

CREATE TRIGGER session_cache_two_step_insert AFTER INSERT ON "TwoStepSignIn" FOR EACH ROW
  WHEN (NEW."enabledAt" IS NOT NULL)
  EXECUTE FUNCTION session_cache_notify('user', 'userId');
CREATE TRIGGER session_cache_two_step_update AFTER UPDATE ON "TwoStepSignIn" FOR EACH ROW
  WHEN (OLD."enabledAt" IS DISTINCT FROM NEW."enabledAt" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION session_cache_notify('user', 'userId');
CREATE TRIGGER session_cache_two_step_delete AFTER DELETE ON "TwoStepSignIn" FOR EACH ROW
  WHEN (OLD."enabledAt" IS NOT NULL)
  EXECUTE FUNCTION session_cache_notify('user', 'userId');
CREATE TRIGGER session_cache_two_step_truncate AFTER TRUNCATE ON "TwoStepSignIn" FOR EACH STATEMENT
  EXECUTE FUNCTION session_cache_notify();
