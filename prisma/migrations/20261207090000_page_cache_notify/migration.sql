-- Tells every server process which cached public pages a committed write makes stale
-- (src/server/page-cache/). pg_notify is transactional: a notice is delivered when the writing
-- transaction commits and never when it rolls back, and PostgreSQL sends one notice per distinct
-- tag per transaction. Triggers rather than calls in the app, so that no mutation, job or script
-- can change what a reader sees without the caches hearing of it.
--
-- Tags (mirrored in src/server/page-cache/tags.ts):
--   site          anything else a public page may show: names, groups, moderation, publications…
--   threads       some thread or post changed (lists of threads, search)
--   thread:<id>   that thread, its posts, reactions or edits
--   papers        some paper, section, revision, proposal or vote changed (lists of papers, search)
--   paper:<id>    that paper's text, proposals or votes
-- Tables that no public page shows (sessions, rate limits, notifications, invitations, follows,
-- read markers, data exports, rendered Markdown, reminders, reports) send nothing.

CREATE FUNCTION page_cache_notify_site() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('page_cache', 'site');
  RETURN NULL;
END $$;

-- Rows that belong to a thread: the thread's id comes from the column named in TG_ARGV[0]
-- ("threadId" on posts, "id" on threads) or through the post ("postId" on reactions and edits).
CREATE FUNCTION page_cache_notify_threads() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  thread uuid;
BEGIN
  PERFORM pg_notify('page_cache', 'threads');
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOR thread IN EXECUTE format(
      CASE WHEN TG_ARGV[0] = 'postId'
        THEN 'SELECT DISTINCT p."threadId" FROM changed_new c JOIN "Post" p ON p.id = c."postId"'
        ELSE 'SELECT DISTINCT %I FROM changed_new' END, TG_ARGV[0])
    LOOP
      PERFORM pg_notify('page_cache', 'thread:' || thread);
    END LOOP;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    FOR thread IN EXECUTE format(
      CASE WHEN TG_ARGV[0] = 'postId'
        THEN 'SELECT DISTINCT p."threadId" FROM changed_old c JOIN "Post" p ON p.id = c."postId"'
        ELSE 'SELECT DISTINCT %I FROM changed_old' END, TG_ARGV[0])
    LOOP
      PERFORM pg_notify('page_cache', 'thread:' || thread);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- Rows that belong to a paper: the column in TG_ARGV[0] ("paperId", or "id" on papers) or
-- through the proposal ("proposalId" on votes).
CREATE FUNCTION page_cache_notify_papers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  paper uuid;
BEGIN
  PERFORM pg_notify('page_cache', 'papers');
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOR paper IN EXECUTE format(
      CASE WHEN TG_ARGV[0] = 'proposalId'
        THEN 'SELECT DISTINCT p."paperId" FROM changed_new c JOIN "Proposal" p ON p.id = c."proposalId"'
        ELSE 'SELECT DISTINCT %I FROM changed_new' END, TG_ARGV[0])
    LOOP
      PERFORM pg_notify('page_cache', 'paper:' || paper);
    END LOOP;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    FOR paper IN EXECUTE format(
      CASE WHEN TG_ARGV[0] = 'proposalId'
        THEN 'SELECT DISTINCT p."paperId" FROM changed_old c JOIN "Proposal" p ON p.id = c."proposalId"'
        ELSE 'SELECT DISTINCT %I FROM changed_old' END, TG_ARGV[0])
    LOOP
      PERFORM pg_notify('page_cache', 'paper:' || paper);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- Transition tables need one trigger per kind of statement.
CREATE PROCEDURE page_cache_watch(tbl text, fn text, arg text) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
    'page_cache_' || tbl || '_insert', tbl, fn, arg);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
    'page_cache_' || tbl || '_update', tbl, fn, arg);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
    'page_cache_' || tbl || '_delete', tbl, fn, arg);
END $$;

CALL page_cache_watch('Thread', 'page_cache_notify_threads', 'id');
CALL page_cache_watch('Post', 'page_cache_notify_threads', 'threadId');
CALL page_cache_watch('PostRevision', 'page_cache_notify_threads', 'postId');
CALL page_cache_watch('Reaction', 'page_cache_notify_threads', 'postId');
CALL page_cache_watch('Paper', 'page_cache_notify_papers', 'id');
CALL page_cache_watch('Section', 'page_cache_notify_papers', 'paperId');
CALL page_cache_watch('Revision', 'page_cache_notify_papers', 'paperId');
CALL page_cache_watch('Proposal', 'page_cache_notify_papers', 'paperId');
CALL page_cache_watch('Vote', 'page_cache_notify_papers', 'proposalId');

DROP PROCEDURE page_cache_watch(text, text, text);

CREATE TRIGGER page_cache_user AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_profile AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Profile" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_organisation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_organisation_member AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OrganisationMember" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_group AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Group" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_membership AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_moderation_action AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ModerationAction" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_publication AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Publication" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_commission AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Commission" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_commission_posting AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CommissionPosting" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_commission_response AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CommissionResponse" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
-- A TRUNCATE has no transition tables: it tells everyone everything changed.
CREATE TRIGGER page_cache_thread_truncate AFTER TRUNCATE ON "Thread" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_post_truncate AFTER TRUNCATE ON "Post" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
CREATE TRIGGER page_cache_paper_truncate AFTER TRUNCATE ON "Paper" FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_site();
