import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, RadioGroup, TextArea } from "@/components/form/fields";
import { Refusal } from "@/components/ui/refusal";
import { PAPER_LIMITS } from "@/features/papers/limits";
import type { VoteChoice } from "@/generated/prisma/enums";
import { formatDateTime } from "@/lib/dates";
import { signInPath } from "@/lib/paths";
import { voteAction } from "../actions";

export const CHOICE_LABEL: Record<VoteChoice, string> = { SUPPORT: "Support", OPPOSE: "Oppose", ABSTAIN: "Abstain" };

const CHOICES = [
  { value: "SUPPORT", label: "Support", hint: "I want this change in the paper." },
  { value: "OPPOSE", label: "Oppose", hint: "I do not want this change." },
  { value: "ABSTAIN", label: "Abstain", hint: "Count me towards the quorum without taking a side." },
];

type MyVote = { choice: VoteChoice; reason: string; current: boolean; at: Date } | null;

function MyVoteState({ vote }: { vote: MyVote }) {
  if (!vote) return <p className="text-sm text-muted">You have not voted on this proposal yet.</p>;
  if (!vote.current) {
    return (
      <p role="status" className="rounded-md border border-amber-600 bg-warn-soft px-3 py-2 text-sm">
        <strong>Your vote was on an earlier version and no longer counts — vote again.</strong> The proposer changed the
        text after you voted {CHOICE_LABEL[vote.choice]}.
      </p>
    );
  }
  return (
    <p className="rounded-md border border-accent bg-accent-soft px-3 py-2 text-sm">
      You voted <strong>{CHOICE_LABEL[vote.choice]}</strong> on this version ({formatDateTime(vote.at)}).
    </p>
  );
}

type Props = {
  proposalId: string;
  version: number;
  myVote: MyVote;
  votingOpen: boolean;
  signedIn: boolean;
  /** Why this person may not vote, in the data layer's words (null: they may). */
  refusal: string | null;
  returnPath: string;
  /** For signed-in people outside the group: where to join it. */
  join?: { href: string; name: string } | null;
};

/** Voting for members while the proposal is open; otherwise why they cannot, or their closed vote. */
export function VoteForm({ proposalId, version, myVote, votingOpen, signedIn, refusal, returnPath, join }: Props) {
  if (!votingOpen) {
    return myVote?.current ? (
      <p className="text-sm">
        You voted <strong>{CHOICE_LABEL[myVote.choice]}</strong>.
      </p>
    ) : null;
  }
  if (!signedIn) {
    return (
      <p className="text-sm">
        <Link href={signInPath(returnPath)} className="font-medium text-accent underline">
          Sign in
        </Link>{" "}
        to vote if you are a member of this group.
      </p>
    );
  }
  if (refusal) {
    return (
      <Refusal
        compact
        next={join ? { href: join.href, label: `Join ${join.name}`, after: "to take part." } : undefined}
      >
        {refusal}
      </Refusal>
    );
  }
  const current = myVote?.current ? myVote : null;
  return (
    <div className="space-y-3">
      <MyVoteState vote={myVote} />
      <ActionForm
        action={voteAction}
        submitLabel={current ? "Change my vote" : "Cast my vote"}
        pendingLabel="Recording…"
        ariaLabel="Your vote"
        className="space-y-4"
      >
        <Hidden name="proposalId" value={proposalId} />
        {/* The version read: a vote never approves text its voter has not seen. */}
        <Hidden name="version" value={String(version)} />
        <RadioGroup name="choice" legend="Your vote" options={CHOICES} defaultValue={current?.choice} />
        <TextArea
          name="reason"
          label="Your reason"
          optional
          rows={3}
          maxLength={PAPER_LIMITS.voteReason}
          defaultValue={current?.reason ?? ""}
          hint="Shown with your vote. Helps the proposer improve the text."
        />
      </ActionForm>
    </div>
  );
}
