import Link from "next/link";
import type { ReactNode } from "react";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { personPath, postPath, replyPath } from "@/lib/paths";
import type { ThreadPost } from "../queries/thread-windows";
import { MAX_INLINE_DEPTH } from "../tree";
import { PostActions } from "./post-actions";
import { ReactionButtons } from "./reaction-buttons";

const MARKERS = {
  HIDDEN: "Hidden by the moderators",
  REMOVED: "Removed by the moderators",
  DELETED: "Deleted by its author",
  VISIBLE: "",
} as const;

/** Indentation is capped so deep chains stay readable on a phone. */
function indent(depth: number) {
  return ["", "ml-3 sm:ml-6", "ml-6 sm:ml-12", "ml-9 sm:ml-16", "ml-10 sm:ml-20", "ml-10 sm:ml-24"][Math.min(depth, 5)];
}

export function PostItem({
  post,
  threadId,
  depth,
  isNew,
  highlighted,
  canReply,
  canReact,
  ownPosts,
  showContinue,
  onlyPost = false,
  moderation,
  report,
  note,
}: {
  post: ThreadPost;
  threadId: string;
  depth: number;
  isNew: boolean;
  highlighted: boolean;
  canReply: boolean;
  canReact: boolean;
  /**
   * What the viewer may still do with their own posts here: edit and delete them as a member, only
   * delete them after leaving the group, or nothing (while suspended).
   */
  ownPosts: "change" | "delete" | "none";
  /** A link to this post's replies when they are deeper than the page draws. */
  showContinue: boolean;
  /** The thread's only post so far (deleting it deletes the thread). */
  onlyPost?: boolean;
  moderation?: ReactNode;
  report?: ReactNode;
  /** A message about this post, shown above it (the reply just posted). */
  note?: ReactNode;
}) {
  const permalink = postPath(threadId, post.id);
  const mayEdit = post.mine && ownPosts === "change";
  const mayDelete = post.mine && ownPosts !== "none";
  return (
    <li id={`post-${post.id}`} className={`${indent(depth)} scroll-mt-4`}>
      <article
        aria-labelledby={`post-${post.id}-by`}
        className={`rounded-lg border bg-white p-4 ${highlighted ? "border-accent ring-2 ring-accent" : "border-line"} ${depth > 0 ? "border-l-4 border-l-slate-300" : ""}`}
      >
        {note}
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span id={`post-${post.id}-by`} className="font-semibold">
            {post.author ? (
              <Link href={personPath(post.author.handle)} className="underline-offset-2 hover:underline">
                <bdi>{post.author.displayName}</bdi>
              </Link>
            ) : (
              "Former member"
            )}
          </span>
          {post.author ? <PerspectiveBadge perspective={post.author.perspective} /> : null}
          <Link href={permalink} className="text-muted underline-offset-2 hover:underline">
            <RelativeTime date={post.createdAt} />
          </Link>
          {post.editedAt ? (
            <Link href={`${permalink}/history`} className="text-muted underline">
              edited
            </Link>
          ) : null}
          {isNew ? <span className="rounded bg-amber-100 px-1.5 text-xs font-bold text-amber-900">New</span> : null}
          {post.featured ? (
            <span className="rounded bg-accent-soft px-1.5 text-xs font-bold text-accent-dark">Key contribution</span>
          ) : null}
        </header>
        {post.status !== "VISIBLE" ? (
          <p className="mt-2 rounded bg-slate-100 px-3 py-2 text-sm italic text-muted">
            {MARKERS[post.status]}
            {post.statusReason && post.status !== "DELETED" ? `: ${post.statusReason}` : "."}
          </p>
        ) : null}
        {post.visibility !== "marker" ? (
          <div
            id={`post-body-${post.id}`}
            // A hidden post's text, which only moderators see, set apart by a dashed tinted box rather
            // than faded: faded text fell below the contrast a reader needs (quotes to 2.9:1).
            className={`post-body mt-2 ${post.visibility === "hidden-with-text" ? "rounded-md border border-dashed border-amber-700 bg-warn-soft px-3 py-2" : ""}`}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by rehype-sanitize when the post was saved (renderForWrite, src/server/markdown/)
            dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
          />
        ) : null}
        {post.status === "VISIBLE" ? (
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
            {canReact && !post.mine ? (
              // Only what the buttons show: a client component's props travel to the browser.
              <ReactionButtons
                post={{
                  id: post.id,
                  agreeCount: post.agreeCount,
                  usefulCount: post.usefulCount,
                  reacted: post.reacted,
                }}
              />
            ) : (
              // Those who cannot react see the counts as text: no forms to ship for them.
              <p className="text-sm text-muted">
                Agree <span className="tabular-nums">{post.agreeCount}</span> · Useful{" "}
                <span className="tabular-nums">{post.usefulCount}</span>
              </p>
            )}
            {report}
          </div>
        ) : null}
        {(post.status === "VISIBLE" || post.status === "DELETED") && (canReply || mayDelete) ? (
          <PostActions
            // The Markdown source travels to the browser only where it is needed: for editing one's own post.
            post={{
              id: post.id,
              bodyMarkdown: mayEdit ? post.bodyMarkdown : "",
              editable: mayEdit && post.status === "VISIBLE",
              deletable: mayDelete && post.status === "VISIBLE",
              authorHandle: post.author?.handle ?? null,
            }}
            threadId={threadId}
            canReply={canReply}
            takesThread={onlyPost}
          />
        ) : null}
        {moderation}
      </article>
      {showContinue ? (
        <p className={`mt-2 ${indent(Math.min(depth + 1, MAX_INLINE_DEPTH))}`}>
          <Link href={replyPath(threadId, post.id)} className="text-sm font-medium text-accent underline">
            Continue this thread ({post.replyCount} {post.replyCount === 1 ? "reply" : "replies"}) →
          </Link>
        </p>
      ) : null}
    </li>
  );
}
