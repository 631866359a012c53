import { PaperSubpage, PaperSubpageRefusal } from "@/features/papers/components/paper-subpage";
import { RulesForm } from "@/features/papers/components/rules-form";
import { getRulesForm } from "@/features/papers/queries/paper-forms";
import { paperPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { loadOrRefuse } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Decision rules" };

type Params = { params: Promise<{ slug: string; paper: string }> };

export default async function PaperRulesPage({ params }: Params) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await requirePageUser(`${paperPath(slug, paper)}/rules`);
  // People who may read the paper but not change its rules get the reason instead.
  const result = await loadOrRefuse(getRulesForm(viewer, slug, paper));
  if (!result.ok) {
    return (
      <PaperSubpageRefusal title="Decision rules" groupSlug={slug} paperSlug={paper}>
        {result.message}
      </PaperSubpageRefusal>
    );
  }
  const { group, paper: p, rules } = result.data;
  return (
    <PaperSubpage
      group={group}
      paper={p}
      title="Decision rules"
      intro="How proposals on this paper are decided. Changes apply to proposals made from now on; open proposals keep the rules they opened under. Every change is recorded in the group's moderation log."
    >
      <RulesForm paperId={p.id} rules={rules} />
    </PaperSubpage>
  );
}
