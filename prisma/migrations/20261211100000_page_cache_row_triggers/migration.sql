-- The page cache's notices for the writes members make most (a vote, a reply, a reaction) from
-- row-level triggers with plain SQL, instead of the generic statement-level function of
-- 20261207090000_page_cache_notify. Same notices, same rules (see that file): measured per vote,
-- the generic triggers took 2 ms of PostgreSQL's CPU out of 4.9, since every vote's statement
-- copied the old and new rows of its proposal (with both texts of the section) into transition
-- tables and turned them into JSON twice to compare them, and its dynamic SQL was planned anew on
-- every call. Here a row's columns are compared as they are. Inserts and deletes of proposals and
-- posts, and truncation, keep the generic triggers: they are rare, and statement-level notices
-- suit the bulk ones.

DROP TRIGGER "page_cache_Vote_insert" ON "Vote";
DROP TRIGGER "page_cache_Vote_update" ON "Vote";
DROP TRIGGER "page_cache_Vote_delete" ON "Vote";
DROP TRIGGER "page_cache_Proposal_update" ON "Proposal";
DROP TRIGGER "page_cache_Post_insert" ON "Post";
DROP TRIGGER "page_cache_Post_update" ON "Post";
DROP TRIGGER "page_cache_Thread_update" ON "Thread";
DROP TRIGGER "page_cache_Reaction_insert" ON "Reaction";
DROP TRIGGER "page_cache_Reaction_update" ON "Reaction";
DROP TRIGGER "page_cache_Reaction_delete" ON "Reaction";

-- A vote: its paper's pages (tallies and reasons show there), never the lists of papers.
CREATE FUNCTION page_cache_vote_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."proposalId" <> NEW."proposalId") THEN
    PERFORM pg_notify('page_cache', 'paper:' || p."paperId") FROM "Proposal" p WHERE p.id = OLD."proposalId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('page_cache', 'paper:' || p."paperId") FROM "Proposal" p WHERE p.id = NEW."proposalId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Vote_insert" AFTER INSERT ON "Vote" FOR EACH ROW
  EXECUTE FUNCTION page_cache_vote_notify();
CREATE TRIGGER "page_cache_Vote_update" AFTER UPDATE ON "Vote" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION page_cache_vote_notify();
CREATE TRIGGER "page_cache_Vote_delete" AFTER DELETE ON "Vote" FOR EACH ROW
  EXECUTE FUNCTION page_cache_vote_notify();

-- A proposal changed: its paper's pages; the lists of papers too unless only its tallies (and
-- updatedAt) moved, which only the paper's own pages show.
CREATE FUNCTION page_cache_proposal_update_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was "Proposal" := OLD;
BEGIN
  PERFORM pg_notify('page_cache', 'paper:' || NEW."paperId");
  IF OLD."paperId" <> NEW."paperId" THEN
    PERFORM pg_notify('page_cache', 'paper:' || OLD."paperId");
  END IF;
  was."supportCount" := NEW."supportCount";
  was."opposeCount" := NEW."opposeCount";
  was."abstainCount" := NEW."abstainCount";
  was."practitionerSupportCount" := NEW."practitionerSupportCount";
  was."practitionerOpposeCount" := NEW."practitionerOpposeCount";
  was."serviceUserSupportCount" := NEW."serviceUserSupportCount";
  was."serviceUserOpposeCount" := NEW."serviceUserOpposeCount";
  was."updatedAt" := NEW."updatedAt";
  IF was IS DISTINCT FROM NEW THEN
    PERFORM pg_notify('page_cache', 'papers');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Proposal_update" AFTER UPDATE ON "Proposal" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION page_cache_proposal_update_notify();

-- A post changed: its thread's pages, unless only its report count moved (no public page shows
-- it); the lists of threads too unless only its counters or its key-contribution mark moved.
CREATE FUNCTION page_cache_post_update_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was "Post" := OLD;
BEGIN
  was."reportCount" := NEW."reportCount";
  IF was IS NOT DISTINCT FROM NEW THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('page_cache', 'thread:' || NEW."threadId");
  IF OLD."threadId" <> NEW."threadId" THEN
    PERFORM pg_notify('page_cache', 'thread:' || OLD."threadId");
  END IF;
  was."agreeCount" := NEW."agreeCount";
  was."usefulCount" := NEW."usefulCount";
  was."replyCount" := NEW."replyCount";
  was."featuredAt" := NEW."featuredAt";
  was."featuredById" := NEW."featuredById";
  IF was IS DISTINCT FROM NEW THEN
    PERFORM pg_notify('page_cache', 'threads');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Post_update" AFTER UPDATE ON "Post" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION page_cache_post_update_notify();

-- A new post: its thread's pages and the lists of threads.
CREATE FUNCTION page_cache_post_insert_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('page_cache', 'thread:' || NEW."threadId");
  PERFORM pg_notify('page_cache', 'threads');
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Post_insert" AFTER INSERT ON "Post" FOR EACH ROW
  EXECUTE FUNCTION page_cache_post_insert_notify();

-- A thread changed (a reply moves its counts and last post): its pages and the lists of threads.
CREATE FUNCTION page_cache_thread_update_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('page_cache', 'thread:' || NEW.id);
  IF OLD.id <> NEW.id THEN
    PERFORM pg_notify('page_cache', 'thread:' || OLD.id);
  END IF;
  PERFORM pg_notify('page_cache', 'threads');
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Thread_update" AFTER UPDATE ON "Thread" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION page_cache_thread_update_notify();

-- A reaction: its post's thread's pages only.
CREATE FUNCTION page_cache_reaction_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."postId" <> NEW."postId") THEN
    PERFORM pg_notify('page_cache', 'thread:' || p."threadId") FROM "Post" p WHERE p.id = OLD."postId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('page_cache', 'thread:' || p."threadId") FROM "Post" p WHERE p.id = NEW."postId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "page_cache_Reaction_insert" AFTER INSERT ON "Reaction" FOR EACH ROW
  EXECUTE FUNCTION page_cache_reaction_notify();
CREATE TRIGGER "page_cache_Reaction_update" AFTER UPDATE ON "Reaction" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION page_cache_reaction_notify();
CREATE TRIGGER "page_cache_Reaction_delete" AFTER DELETE ON "Reaction" FOR EACH ROW
  EXECUTE FUNCTION page_cache_reaction_notify();
