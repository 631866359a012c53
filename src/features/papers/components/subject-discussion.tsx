import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { MAX_POST_LENGTH } from "@/features/discussions/policy";
import { signInPath, threadPath } from "@/lib/paths";
import { commentOnSubjectAction } from "../actions";
import { plural } from "../labels";

type Props = {
  subject: "PAPER" | "SECTION";
  subjectId: string;
  /** What is discussed, for labels: "this section", "the paper". */
  what: string;
  thread: { id: string; comments: number } | null;
  canComment: boolean;
  signedIn: boolean;
  returnTo: string;
  /** Sections keep the form folded away; the paper's own discussion shows it open. */
  folded?: boolean;
};

function CommentForm({ subject, subjectId, what }: Pick<Props, "subject" | "subjectId" | "what">) {
  return (
    <ActionForm
      action={commentOnSubjectAction}
      submitLabel="Post comment"
      pendingLabel="Posting…"
      ariaLabel={`Comment on ${what}`}
      className="space-y-3"
    >
      <Hidden name="subject" value={subject} />
      <Hidden name="subjectId" value={subjectId} />
      <TextArea
        name="body"
        markdown="post"
        label={`Your comment on ${what}`}
        rows={3}
        maxLength={MAX_POST_LENGTH}
        hint="Your comment starts the discussion; Markdown works."
      />
    </ActionForm>
  );
}

/**
 * The way into a paper's or a section's discussion: a link once the thread exists, otherwise a
 * small form whose first comment starts it (or a note for people who cannot comment).
 */
export function SubjectDiscussion({
  subject,
  subjectId,
  what,
  thread,
  canComment,
  signedIn,
  returnTo,
  folded = false,
}: Props) {
  if (thread) {
    return (
      <Link href={threadPath(thread.id)} className="font-medium text-accent underline">
        Discuss {what} ({plural(thread.comments, "comment")})
      </Link>
    );
  }
  if (!canComment) {
    return (
      <span className="text-muted">
        No comments on {what} yet.
        {signedIn ? null : (
          <>
            {" "}
            <Link href={signInPath(returnTo)} className="font-medium text-accent underline">
              Sign in
            </Link>{" "}
            to comment.
          </>
        )}
      </span>
    );
  }
  if (!folded) return <CommentForm subject={subject} subjectId={subjectId} what={what} />;
  return (
    <details className="group w-full">
      <summary className="cursor-pointer font-medium text-accent underline">Discuss {what} (no comments yet)</summary>
      <div className="mt-2">
        <CommentForm subject={subject} subjectId={subjectId} what={what} />
      </div>
    </details>
  );
}
