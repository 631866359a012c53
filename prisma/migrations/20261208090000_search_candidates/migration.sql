-- Search at size (issue 15): the search ranks a bounded set of candidates, taken from indexes
-- newest first (src/features/search/search-sql.ts). Two things it needs that 20261123110000_search
-- did not make. schema.prisma cannot declare either: tests/integration/schema-drift.test.ts
-- allow-lists them.

-- Papers whose title matches are candidates of their own, so that a title match is ranked however
-- many bodies mention a common word. A stored vector of the title alone, with its GIN index: the
-- planner may also read it row by row (newest first, on "publishedAt") without parsing the title.
-- Adding the column rewrites the table without firing the "Publication_immutable" UPDATE trigger.
ALTER TABLE "Publication" ADD COLUMN "titleVector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, "title")
) STORED;
CREATE INDEX "Publication_titleVector_idx" ON "Publication" USING GIN ("titleVector");

-- The newest visible posts first: for a word found in most posts, walking this index and checking
-- each post's vector stops after a few hundred rows, where the GIN index would first list every
-- match (hundreds of thousands). Partial, like "Post_searchVector_visible_idx", with the predicate
-- every search query repeats.
CREATE INDEX "Post_createdAt_visible_idx" ON "Post" ("createdAt") WHERE "status" = 'VISIBLE';
