-- Authors (and moderators) may change a thread's title (issue 17). Every change is kept, old and
-- new title, and shown to readers of the thread; a moderator's change is also in the open log.

ALTER TYPE "ModerationActionKind" ADD VALUE 'RENAME_THREAD';

CREATE TABLE "ThreadTitleChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "threadId" UUID NOT NULL,
    "editorId" UUID,
    "oldTitle" TEXT NOT NULL,
    "newTitle" TEXT NOT NULL,
    "byModerator" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadTitleChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ThreadTitleChange_threadId_createdAt_idx" ON "ThreadTitleChange"("threadId", "createdAt");

ALTER TABLE "ThreadTitleChange" ADD CONSTRAINT "ThreadTitleChange_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ThreadTitleChange" ADD CONSTRAINT "ThreadTitleChange_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The title history is shown on public pages: changes tell the page cache as other thread tables
-- do (20261207090000_page_cache_notify, whose helper procedure is gone, so the triggers are spelt out).
CREATE TRIGGER "page_cache_ThreadTitleChange_insert" AFTER INSERT ON "ThreadTitleChange"
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT
  EXECUTE FUNCTION page_cache_notify('{"tag": "thread", "column": "threadId"}');
CREATE TRIGGER "page_cache_ThreadTitleChange_update" AFTER UPDATE ON "ThreadTitleChange"
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT
  EXECUTE FUNCTION page_cache_notify('{"tag": "thread", "column": "threadId"}');
CREATE TRIGGER "page_cache_ThreadTitleChange_delete" AFTER DELETE ON "ThreadTitleChange"
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT
  EXECUTE FUNCTION page_cache_notify('{"tag": "thread", "column": "threadId"}');
CREATE TRIGGER "page_cache_ThreadTitleChange_truncate" AFTER TRUNCATE ON "ThreadTitleChange"
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_notify('{"tag": "thread", "column": "threadId"}');
