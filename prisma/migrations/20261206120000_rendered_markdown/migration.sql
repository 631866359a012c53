-- Sanitised HTML of members' Markdown, rendered once on a worker thread and read by every later
-- view (src/server/markdown/). Nothing here is authoritative: every row can be rendered again
-- from the text it was made from, so the table may be emptied at any time.
CREATE TABLE "RenderedMarkdown" (
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "html" TEXT NOT NULL,
    "plain" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RenderedMarkdown_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "RenderedMarkdown_version_idx" ON "RenderedMarkdown"("version");
