-- Tells every server process which cached public pages a committed write makes stale
-- (src/server/page-cache/). pg_notify is transactional: a notice is delivered when the writing
-- transaction commits and never when it rolls back, and PostgreSQL sends one notice per distinct
-- tag per transaction. Triggers rather than calls in the app, so that no mutation, job or script
-- can change what a reader sees without the caches hearing of it.
--
-- Tags (mirrored in src/server/page-cache/tags.ts):
--   site          anything else a public page may show: names, groups, moderation, publications…
--   threads       threads were added, removed or changed (lists of threads, search)
--   thread:<id>   that thread, its posts, reactions or edits
--   papers        papers, sections, revisions or proposals were added, removed or changed
--   paper:<id>    that paper's text, proposals or votes
-- Tables that no public page shows (sessions, rate limits, notifications, invitations, follows,
-- read markers, data exports, rendered Markdown, reminders, reports) send nothing.
--
-- One function serves every table; its one argument is a JSON object:
--   any        the tag for "some row of this kind changed" (omitted: none)
--   tag        the prefix of the owner's own tag (thread, paper), with
--   column     the column of the changed rows that names the owner, or names its parent row
--   via, viaColumn   when `column` names a parent: its table, and its column that names the owner
--                    (a reaction's "postId" → "Post"."threadId")
--   ignore     columns no public page shows: a statement that changes only these sends nothing
--              (a password change, a profile saved unchanged, a session cut-off)
--   quiet      columns only the owner's own pages show: changing only these sends the owner's tag,
--              not `any` (a post's reaction counts, a proposal's tallies)
-- A statement that touches no row, or rewrites rows as they were, sends nothing.
CREATE FUNCTION page_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config jsonb := TG_ARGV[0]::jsonb;
  ignored text[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(config->'ignore', '[]')));
  quiet text[] := ignored || ARRAY(SELECT jsonb_array_elements_text(coalesce(config->'quiet', '[]')));
  tables text[] := CASE TG_OP WHEN 'INSERT' THEN ARRAY['changed_new'] WHEN 'DELETE' THEN ARRAY['changed_old']
                   ELSE ARRAY['changed_new', 'changed_old'] END;
  differs constant text := 'SELECT EXISTS (SELECT to_jsonb(n) - $1 FROM changed_new n EXCEPT ALL SELECT to_jsonb(o) - $1 FROM changed_old o)';
  changed text;
  owner uuid;
  visible boolean;
  widely boolean;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('page_cache', 'site');
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    EXECUTE differs INTO visible USING ignored;
    widely := visible;
    IF visible AND cardinality(quiet) > cardinality(ignored) THEN
      EXECUTE differs INTO widely USING quiet;
    END IF;
  ELSE
    EXECUTE format('SELECT EXISTS (SELECT FROM %I)', tables[1]) INTO visible;
    widely := visible;
  END IF;
  IF NOT visible THEN
    RETURN NULL;
  END IF;
  IF widely AND config ? 'any' THEN
    PERFORM pg_notify('page_cache', config->>'any');
  END IF;
  IF config ? 'tag' THEN
    FOREACH changed IN ARRAY tables LOOP
      FOR owner IN EXECUTE CASE WHEN config ? 'via'
        THEN format('SELECT DISTINCT p.%I FROM %I c JOIN %I p ON p.id = c.%I',
                    config->>'viaColumn', changed, config->>'via', config->>'column')
        ELSE format('SELECT DISTINCT %I FROM %I', config->>'column', changed) END
      LOOP
        PERFORM pg_notify('page_cache', (config->>'tag') || ':' || owner);
      END LOOP;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- Transition tables need one trigger per kind of statement; a TRUNCATE has none, and tells
-- everyone that everything changed.
CREATE PROCEDURE page_cache_watch(tbl text, config jsonb) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify(%L)',
    'page_cache_' || tbl || '_insert', tbl, config);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify(%L)',
    'page_cache_' || tbl || '_update', tbl, config);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify(%L)',
    'page_cache_' || tbl || '_delete', tbl, config);
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify(%L)',
    'page_cache_' || tbl || '_truncate', tbl, config);
END $$;

CALL page_cache_watch('Thread', '{"any": "threads", "tag": "thread", "column": "id"}');
CALL page_cache_watch('Post', '{"any": "threads", "tag": "thread", "column": "threadId",
  "quiet": ["agreeCount", "usefulCount", "replyCount", "featuredAt", "featuredById"], "ignore": ["reportCount"]}');
CALL page_cache_watch('PostRevision', '{"any": "threads", "tag": "thread", "column": "postId", "via": "Post", "viaColumn": "threadId"}');
CALL page_cache_watch('Reaction', '{"tag": "thread", "column": "postId", "via": "Post", "viaColumn": "threadId"}');
CALL page_cache_watch('Paper', '{"any": "papers", "tag": "paper", "column": "id"}');
CALL page_cache_watch('Section', '{"any": "papers", "tag": "paper", "column": "paperId"}');
CALL page_cache_watch('Revision', '{"any": "papers", "tag": "paper", "column": "paperId"}');
CALL page_cache_watch('Proposal', '{"any": "papers", "tag": "paper", "column": "paperId",
  "quiet": ["supportCount", "opposeCount", "abstainCount", "practitionerSupportCount", "practitionerOpposeCount",
            "serviceUserSupportCount", "serviceUserOpposeCount", "updatedAt"]}');
CALL page_cache_watch('Vote', '{"tag": "paper", "column": "proposalId", "via": "Proposal", "viaColumn": "paperId"}');

CALL page_cache_watch('User', '{"any": "site", "ignore": ["email", "passwordHash", "sessionsValidFrom", "updatedAt"]}');
CALL page_cache_watch('Profile', '{"any": "site", "ignore": ["emailNotifications", "updatedAt"]}');
CALL page_cache_watch('Organisation', '{"any": "site"}');
CALL page_cache_watch('OrganisationMember', '{"any": "site"}');
CALL page_cache_watch('Group', '{"any": "site"}');
CALL page_cache_watch('Membership', '{"any": "site", "ignore": ["requestNote"]}');
CALL page_cache_watch('ModerationAction', '{"any": "site"}');
CALL page_cache_watch('Publication', '{"any": "site"}');
CALL page_cache_watch('Commission', '{"any": "site"}');
CALL page_cache_watch('CommissionPosting', '{"any": "site"}');
CALL page_cache_watch('CommissionResponse', '{"any": "site"}');

DROP PROCEDURE page_cache_watch(text, jsonb);
