import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea, TextField } from "@/components/form/fields";
import { closeDueProposalsOfPaper } from "@/composition/decisions";
import { editorialFixAction } from "@/features/papers/actions";
import { PaperSubpage, PaperSubpageRefusal } from "@/features/papers/components/paper-subpage";
import { PAPER_LIMITS } from "@/features/papers/limits";
import { getEditorialFixForm } from "@/features/papers/queries/paper-forms";
import { paperPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { loadOrRefuse } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Editorial fix" };

type Params = { params: Promise<{ slug: string; paper: string; anchor: string }> };

export default async function EditorialFixPage({ params }: Params) {
  const { slug, paper, anchor } = await pageParams(params, { slug: "slug", paper: "slug", anchor: "slug" });
  const viewer = await requirePageUser(`${paperPath(slug, paper)}/sections/${anchor}/fix`);
  // Due proposals close first, so the fix starts from the text and revision as they are now.
  await closeDueProposalsOfPaper(viewer, slug, paper);
  // FORBIDDEN (not a moderator) and CONFLICT (paper not being drafted) come with a reason to show.
  const result = await loadOrRefuse(getEditorialFixForm(viewer, slug, paper, anchor), ["FORBIDDEN", "CONFLICT"]);
  if (!result.ok) {
    return (
      <PaperSubpageRefusal title="Editorial fix" groupSlug={slug} paperSlug={paper}>
        {result.message}
      </PaperSubpageRefusal>
    );
  }
  const { group, paper: p, section } = result.data;
  return (
    <PaperSubpage
      group={group}
      paper={p}
      title={`Editorial fix: “${section.heading}”`}
      width="max-w-3xl"
      intro={
        <>
          <p>
            For typos, spelling, punctuation and broken links only: a fix may change at most{" "}
            {PAPER_LIMITS.editorialWords} words. Anything that changes what the paper says needs a proposal, so that the
            group can vote on it.
          </p>
          <p className="mt-2">
            The fix becomes a new revision with your reason, shown in the paper’s history and in the group’s moderation
            log.
          </p>
        </>
      }
    >
      <ActionForm
        action={editorialFixAction}
        submitLabel="Save the fix"
        pendingLabel="Saving…"
        ariaLabel="Editorial fix"
      >
        <Hidden name="paperId" value={p.id} />
        <Hidden name="sectionId" value={section.id} />
        {/* The revision this text belongs to: if the paper changes meanwhile, the fix is refused, not lost. */}
        <Hidden name="baseRevision" value={String(p.revision)} />
        <TextField name="heading" label="Heading" defaultValue={section.heading} maxLength={PAPER_LIMITS.heading} />
        <TextArea
          name="body"
          markdown="section"
          label="Text"
          defaultValue={section.body}
          rows={16}
          maxLength={PAPER_LIMITS.sectionBody}
          hint="Markdown, as in the paper."
        />
        <TextField
          name="reason"
          label="Reason for the fix"
          maxLength={PAPER_LIMITS.editorialReason}
          hint="Required and public, e.g. “Corrected the spelling of ‘accommodation’.”"
        />
      </ActionForm>
    </PaperSubpage>
  );
}
