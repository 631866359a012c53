-- Full-text search (issue 5): stored tsvector columns kept by PostgreSQL itself (GENERATED ... STORED),
-- so no code path can forget to update them, each with a GIN index. The 'english' configuration
-- stems words ("waiting" finds "wait"), which matters more for policy prose than matching names
-- exactly; the cost is that stop words alone ("the", "and") find nothing, which /search explains.
-- schema.prisma cannot declare these columns or indexes: tests/integration/schema-drift.test.ts
-- allow-lists them.

-- Papers: title A, question and summary B, section headings and bodies C. The sections are JSON;
-- jsonb_path_query_array and jsonb_to_tsvector(regconfig, …) are immutable, so the text is derived
-- in the generated expression. Adding the column rewrites the table without firing the
-- "Publication_immutable" UPDATE trigger.
ALTER TABLE "Publication" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
  setweight(to_tsvector('english'::regconfig, "question" || ' ' || "summary"), 'B') ||
  setweight(jsonb_to_tsvector('english'::regconfig,
    jsonb_path_query_array("sections", '$[*].heading') || jsonb_path_query_array("sections", '$[*].body'),
    '["string"]'), 'C')
) STORED;
CREATE INDEX "Publication_searchVector_idx" ON "Publication" USING GIN ("searchVector");

-- Threads are found by their title (weight A, so a title match ranks above a match in a post)…
ALTER TABLE "Thread" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A')
) STORED;
CREATE INDEX "Thread_searchVector_idx" ON "Thread" USING GIN ("searchVector");

-- …and by their posts (default weight D). Only visible posts are searchable: the index is partial,
-- and every search query repeats the predicate so that the planner can use it.
ALTER TABLE "Post" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, "bodyMarkdown")
) STORED;
CREATE INDEX "Post_searchVector_visible_idx" ON "Post" USING GIN ("searchVector") WHERE "status" = 'VISIBLE';

-- The library lists the papers of one group, newest first, and filters by commission.
-- Paper(groupId) is served by Paper_groupId_slug_key, Paper(commissionId) and Publication(publishedAt)
-- by existing indexes; the latest version of a paper is found through Publication_paperId_version_key.
