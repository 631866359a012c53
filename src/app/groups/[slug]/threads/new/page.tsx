import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea, TextField } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { createThreadAction } from "@/features/discussions/actions";
import { MARKDOWN_HINT } from "@/features/discussions/components/reply-composer";
import { MAX_POST_LENGTH, MAX_TITLE_LENGTH } from "@/features/discussions/policy";
import { GroupBackLink } from "@/features/groups/components/group-back-link";
import { getGroupPage } from "@/features/groups/queries";
import { groupPath, newThreadPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Start a discussion" };

export default async function NewThreadPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(newThreadPath(slug));
  const page = await getGroupPage(slug, viewer);
  if (!page) notFound();
  const { group } = page;
  return (
    <div className="mx-auto max-w-2xl">
      <GroupBackLink group={group} />
      <PageHeader
        title="Start a discussion"
        intro={`In ${group.name}. Say what you have seen and what you think should change.`}
      />
      {page.can("thread.create") ? (
        <ActionForm
          action={createThreadAction}
          submitLabel="Start discussion"
          pendingLabel="Posting…"
          ariaLabel="Start a discussion"
        >
          <Hidden name="groupId" value={group.id} />
          <TextField
            name="title"
            label="Title"
            maxLength={MAX_TITLE_LENGTH}
            hint="A question or a clear statement works best."
          />
          <TextArea
            name="body"
            label="Opening post"
            markdown="post"
            rows={10}
            maxLength={MAX_POST_LENGTH}
            hint={MARKDOWN_HINT}
          />
        </ActionForm>
      ) : (
        <Refusal
          next={
            page.refusal("thread.create")
              ? undefined
              : { href: groupPath(group.slug), label: "Join the group", after: "first." }
          }
        >
          {page.refusal("thread.create") ?? `Only members of ${group.name} can start discussions here.`}
        </Refusal>
      )}
    </div>
  );
}
