import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { buttonClass } from "@/components/ui/button-class";
import { MAX_POST_LENGTH } from "@/features/discussions/policy";
import { signInPath, threadPath } from "@/lib/paths";
import { commentOnSubjectAction } from "../actions";

type Props = {
  proposalId: string;
  thread: { id: string; postCount: number } | null;
  canComment: boolean;
  signedIn: boolean;
  refusal: string | null;
  returnPath: string;
};

/** The proposal's own discussion: a link to its thread, or the first comment that starts it. */
export function ProposalDiscussion({ proposalId, thread, canComment, signedIn, refusal, returnPath }: Props) {
  if (thread) {
    return (
      <p>
        <Link href={threadPath(thread.id)} className={buttonClass("secondary")}>
          Read the discussion ({thread.postCount} {thread.postCount === 1 ? "comment" : "comments"})
        </Link>
      </p>
    );
  }
  if (!signedIn) {
    return (
      <p className="text-sm text-muted">
        No one has commented yet.{" "}
        <Link href={signInPath(returnPath)} className="font-medium text-accent underline">
          Sign in
        </Link>{" "}
        to start the discussion.
      </p>
    );
  }
  if (!canComment) return <p className="text-sm text-muted">No one has commented yet. {refusal}</p>;
  return (
    <ActionForm
      action={commentOnSubjectAction}
      submitLabel="Post comment"
      pendingLabel="Posting…"
      ariaLabel="Start the discussion"
      className="space-y-3"
    >
      <Hidden name="subject" value="PROPOSAL" />
      <Hidden name="subjectId" value={proposalId} />
      <TextArea
        name="body"
        markdown="post"
        label="Your comment"
        rows={4}
        maxLength={MAX_POST_LENGTH}
        hint="No one has commented yet. Your comment starts this proposal’s thread."
      />
    </ActionForm>
  );
}
