import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea, TextField } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { getGroupPage } from "@/features/groups/queries";
import { createPaperAction } from "@/features/papers/actions";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { PaperDraftPreview } from "@/features/papers/components/paper-draft-preview";
import { SectionRowsEditor } from "@/features/papers/components/section-rows-editor";
import { PAPER_LIMITS } from "@/features/papers/limits";
import { groupPath, newPaperPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Start a paper" };

export default async function NewPaperPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(newPaperPath(slug));
  const page = await getGroupPage(slug, viewer);
  if (!page?.canRead) notFound();
  const { group } = page;
  return (
    <div className="mx-auto max-w-3xl">
      <PaperBreadcrumb group={group} />
      <div className="mt-2">
        <PageHeader
          title="Start a paper"
          intro={`In ${group.name}. What you write now is the first draft (revision 1); after that the text changes only through proposals the group votes on.`}
        />
      </div>
      {page.can("paper.create") ? (
        <ActionForm
          action={createPaperAction}
          submitLabel="Create the paper"
          pendingLabel="Creating…"
          ariaLabel="Start a paper"
          className="space-y-6"
          childrenSubmit
        >
          <Hidden name="groupId" value={group.id} />
          <PaperDraftPreview submitLabel="Create the paper">
            <TextField
              name="title"
              label="Title"
              maxLength={PAPER_LIMITS.title}
              hint="Short and specific, e.g. “Paying benefits while claims are checked”."
            />
            <TextArea
              name="question"
              label="The policy question"
              rows={2}
              maxLength={PAPER_LIMITS.question}
              hint="The one question this paper answers, e.g. “How should people be supported while their claim is assessed?”"
            />
            <TextArea
              name="summary"
              label="Summary"
              rows={4}
              maxLength={PAPER_LIMITS.summary}
              hint="A few sentences: the problem and what the paper will recommend."
            />
            <SectionRowsEditor />
          </PaperDraftPreview>
        </ActionForm>
      ) : (
        <Refusal
          next={
            page.refusal("paper.create")
              ? undefined
              : { href: groupPath(group.slug), label: "Join the group", after: "first." }
          }
        >
          {page.refusal("paper.create") ?? `Only members of ${group.name} can start papers here.`}
        </Refusal>
      )}
    </div>
  );
}
