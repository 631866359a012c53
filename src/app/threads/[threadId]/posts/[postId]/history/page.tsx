import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getPostHistory } from "@/features/discussions/queries/post-history";
import { formatDateTime } from "@/lib/dates";
import { postAnchorPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Edit history" };

export default async function PostHistoryPage({ params }: { params: Promise<{ threadId: string; postId: string }> }) {
  const { threadId, postId } = await pageParams(params, { threadId: "uuid", postId: "uuid" });
  const { post, thread, revisions } = await orNotFound(getPostHistory(await getCurrentUser(), postId));
  // The post must be in the thread the address names: /threads/<another>/posts/<it> names nothing.
  if (post.threadId !== threadId.toLowerCase()) notFound();
  const author = post.author && !post.author.deletedAt ? post.author.displayName : "a former member";
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={postAnchorPath(threadId, postId)} className="text-sm font-medium text-accent underline">
        ← Back to the post in “<bdi>{thread.title}</bdi>”
      </Link>
      <PageHeader
        title="Edit history"
        intro={`Every version of this post by ${author}, newest first. Edits are public so that discussions stay trustworthy.`}
      />
      <ol className="space-y-4">
        <li className="rounded-lg border border-accent bg-white p-4">
          <p className="text-sm font-semibold">
            Current version{post.editedAt ? `, edited ${formatDateTime(post.editedAt)}` : ""}
          </p>
          <pre className="mt-2 whitespace-pre-wrap break-words font-sans">
            {post.status === "VISIBLE" ? post.bodyMarkdown : "This post is not shown."}
          </pre>
        </li>
        {revisions.map((r, i) => (
          <li key={r.id} className="rounded-lg border border-line bg-white p-4">
            <p className="text-sm font-semibold">
              {i === revisions.length - 1
                ? `Original, ${formatDateTime(post.createdAt)}`
                : `Earlier version, replaced ${formatDateTime(r.createdAt)}`}
            </p>
            <pre className="mt-2 whitespace-pre-wrap break-words font-sans">{r.bodyMarkdown}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
