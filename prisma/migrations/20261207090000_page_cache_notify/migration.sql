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

-- Rows that belong to a thread or a paper. Arguments: the tag for "any of them" (threads, papers),
-- the prefix of one's own tag (thread, paper), the column of the changed rows that names it or
-- names its parent row, and when it names a parent, the parent's table and the parent's column
-- that names it (a reaction's "postId" → "Post"."threadId"; a vote's "proposalId" →
-- "Proposal"."paperId").
CREATE FUNCTION page_cache_notify_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner uuid;
  changed text;
  owners text;
BEGIN
  PERFORM pg_notify('page_cache', TG_ARGV[0]);
  FOREACH changed IN ARRAY CASE TG_OP
      WHEN 'INSERT' THEN ARRAY['changed_new'] WHEN 'DELETE' THEN ARRAY['changed_old']
      ELSE ARRAY['changed_new', 'changed_old'] END
  LOOP
    owners := CASE WHEN TG_NARGS > 3
      THEN format('SELECT DISTINCT p.%I FROM %I c JOIN %I p ON p.id = c.%I', TG_ARGV[4], changed, TG_ARGV[3], TG_ARGV[2])
      ELSE format('SELECT DISTINCT %I FROM %I', TG_ARGV[2], changed) END;
    FOR owner IN EXECUTE owners LOOP
      PERFORM pg_notify('page_cache', TG_ARGV[1] || ':' || owner);
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;

-- Transition tables need one trigger per kind of statement.
CREATE PROCEDURE page_cache_watch(tbl text, args text) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_rows(%s)',
    'page_cache_' || tbl || '_insert', tbl, args);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_rows(%s)',
    'page_cache_' || tbl || '_update', tbl, args);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify_rows(%s)',
    'page_cache_' || tbl || '_delete', tbl, args);
END $$;

CALL page_cache_watch('Thread', $a$'threads', 'thread', 'id'$a$);
CALL page_cache_watch('Post', $a$'threads', 'thread', 'threadId'$a$);
CALL page_cache_watch('PostRevision', $a$'threads', 'thread', 'postId', 'Post', 'threadId'$a$);
CALL page_cache_watch('Reaction', $a$'threads', 'thread', 'postId', 'Post', 'threadId'$a$);
CALL page_cache_watch('Paper', $a$'papers', 'paper', 'id'$a$);
CALL page_cache_watch('Section', $a$'papers', 'paper', 'paperId'$a$);
CALL page_cache_watch('Revision', $a$'papers', 'paper', 'paperId'$a$);
CALL page_cache_watch('Proposal', $a$'papers', 'paper', 'paperId'$a$);
CALL page_cache_watch('Vote', $a$'papers', 'paper', 'proposalId', 'Proposal', 'paperId'$a$);

DROP PROCEDURE page_cache_watch(text, text);

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
