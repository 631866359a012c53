-- Discussions: tree order for posts, and the email preference for notifications.

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable (no posts exist before this migration)
ALTER TABLE "Post" ADD COLUMN     "sortKey" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Post_threadId_sortKey_key" ON "Post"("threadId", "sortKey");
