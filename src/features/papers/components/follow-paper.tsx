import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { followPaperAction } from "../actions";

/**
 * Follow or unfollow a paper: followers who are members hear when a proposal opens and a day
 * before voting closes; every follower hears how proposals end. Signed-in readers only.
 */
export function FollowPaper({ paperId, following }: { paperId: string; following: boolean }) {
  return (
    <section aria-labelledby="pp-follow" className="rounded-lg border border-line bg-white p-4 text-sm">
      <h2 id="pp-follow" className="text-base font-semibold">
        {following ? "You follow this paper" : "Follow this paper"}
      </h2>
      <p className="mt-1 text-muted">
        {following
          ? "You hear when a proposal opens, a day before voting closes if you have not voted, and how each one ends."
          : "Hear when a proposal opens, before voting closes, and how each one ends."}
      </p>
      <ActionForm
        action={followPaperAction}
        submitLabel={following ? "Unfollow" : "Follow paper"}
        buttonVariant="secondary"
        className="mt-3 flex flex-col gap-2"
        ariaLabel={following ? "Unfollow this paper" : "Follow this paper"}
      >
        <Hidden name="paperId" value={paperId} />
        <Hidden name="mode" value={following ? "unfollow" : "follow"} />
      </ActionForm>
    </section>
  );
}
