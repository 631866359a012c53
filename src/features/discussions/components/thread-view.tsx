import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { groupPath, joinGroupPath, signInPath, threadPath, threadTitleHistoryPath } from "@/lib/paths";
import { followAction } from "../actions";
import type { ThreadPost } from "../queries/thread-windows";
import type { getThreadHeader } from "../queries/threads";
import { MAX_INLINE_DEPTH } from "../tree";
import { PostItem } from "./post-item";
import { ReplyComposer } from "./reply-composer";
import { ThreadTitleEditor } from "./thread-title-editor";
import { WindowNav } from "./window-nav";

type Header = Awaited<ReturnType<typeof getThreadHeader>>;

type Window = {
  posts: ThreadPost[];
  hasPrevious: boolean;
  hasNext: boolean;
  firstKey: string | null;
  lastKey: string | null;
  /** The address's cursor lies past either end of the posts. */
  outOfRange?: boolean;
};

/** Per-post slots filled by other features (moderation, reports). */
export type PostSlots = (post: ThreadPost) => { moderation?: ReactNode; report?: ReactNode };

export function ThreadView({
  header,
  window,
  basePath,
  highlightId,
  highlightNote,
  depthOffset = 0,
  inlineDepthLimit = MAX_INLINE_DEPTH,
  notice,
  threadControls,
  slots,
  signedIn,
}: {
  header: Header;
  window: Window;
  basePath: string;
  highlightId?: string;
  /** Shown inside the highlighted post, where the page scrolls to (e.g. "Your reply is posted."). */
  highlightNote?: ReactNode;
  depthOffset?: number;
  inlineDepthLimit?: number;
  notice?: ReactNode;
  threadControls?: ReactNode;
  slots?: PostSlots;
  signedIn: boolean;
}) {
  const { thread, group, can, following, lastReadSeq } = header;
  const canReply = can("post.create") && !thread.lockedAt;
  const { firstKey, lastKey, hasPrevious, hasNext } = window;
  // The same paging links above and below the posts.
  const windowNav = { basePath, firstKey, lastKey, hasPrevious, hasNext };
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={groupPath(group.slug)} className="font-medium text-accent underline">
          <bdi>{group.name}</bdi>
        </Link>
        {header.subjectLink ? (
          <p className="mt-1">
            <Link href={header.subjectLink.href} className="font-medium text-accent underline">
              ← {header.subjectLink.text}
            </Link>
          </p>
        ) : null}
      </nav>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 dir="auto" className="text-2xl font-bold tracking-tight sm:text-3xl">
            {thread.title}
          </h1>
          <p className="mt-1 text-sm text-muted">
            {thread.postCount.toLocaleString("en-GB")} {thread.postCount === 1 ? "post" : "posts"}
            {thread.lockedAt ? " · locked: no new replies" : ""}
            {thread.pinnedAt ? " · pinned" : ""}
            {thread.titleEdited ? (
              <>
                {" · "}
                <Link href={threadTitleHistoryPath(thread.id)} className="underline">
                  title changed
                </Link>
              </>
            ) : null}
          </p>
          {header.titleEditing ? (
            <ThreadTitleEditor
              threadId={thread.id}
              title={thread.title}
              asModerator={header.titleEditing === "moderator"}
            />
          ) : null}
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Link
            href={`${threadPath(thread.id)}?view=key`}
            className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft"
          >
            Key contributions
          </Link>
          {signedIn ? (
            <ActionForm
              action={followAction}
              submitLabel={following ? "Unfollow" : "Follow thread"}
              buttonVariant="secondary"
              className="flex flex-col gap-1"
              ariaLabel="Follow"
            >
              <Hidden name="threadId" value={thread.id} />
              <Hidden name="mode" value={following ? "unfollow" : "follow"} />
            </ActionForm>
          ) : null}
        </div>
      </div>
      {threadControls}
      {notice}
      <WindowNav {...windowNav} position="top" />
      {window.outOfRange ? (
        <p role="status" className="mt-4 rounded-md border border-line bg-white px-4 py-3 text-sm">
          There are no posts at this point of the thread; the link may be out of date.{" "}
          <Link href={basePath} className="font-medium text-accent underline">
            First posts
          </Link>{" "}
          ·{" "}
          <Link href={`${basePath}?page=last`} className="font-medium text-accent underline">
            Latest posts
          </Link>
        </p>
      ) : null}
      <ol className="mt-4 space-y-3" aria-label="Posts">
        {window.posts.map((post) => {
          const extra = slots?.(post) ?? {};
          const depth = post.depth - depthOffset;
          return (
            <PostItem
              key={post.id}
              post={post}
              threadId={thread.id}
              depth={depth}
              isNew={!post.mine && lastReadSeq !== null && post.seq > lastReadSeq}
              highlighted={post.id === highlightId}
              note={post.id === highlightId ? highlightNote : undefined}
              canReply={canReply}
              canReact={can("post.react")}
              ownPosts={can("post.edit") ? "change" : header.deleteAfterLeaving ? "delete" : "none"}
              showContinue={depth >= inlineDepthLimit && post.replyCount > 0}
              onlyPost={post.seq === 1 && thread.lastSeq === 1}
              moderation={extra.moderation}
              report={extra.report}
            />
          );
        })}
      </ol>
      <WindowNav {...windowNav} position="bottom" />
      <section aria-labelledby="reply-heading" className="mt-8">
        <h2 id="reply-heading" className="mb-2 text-lg font-semibold">
          Reply to the thread
        </h2>
        {canReply ? (
          <ReplyComposer threadId={thread.id} label="Your reply" />
        ) : thread.lockedAt ? (
          <p className="text-muted">This thread is locked by the moderators.</p>
        ) : header.replyRefusal ? (
          <p className="text-muted">{header.replyRefusal}</p>
        ) : signedIn ? (
          <p className="text-muted">
            <Link href={joinGroupPath(group.slug, threadPath(thread.id))} className="font-medium text-accent underline">
              Join {group.name}
            </Link>{" "}
            to take part.
          </p>
        ) : (
          <p className="text-muted">
            <Link href={signInPath(basePath)} className="font-medium text-accent underline">
              Sign in
            </Link>{" "}
            to reply.
          </p>
        )}
      </section>
    </div>
  );
}
