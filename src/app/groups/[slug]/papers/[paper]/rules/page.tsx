import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/server/auth/page-guard";
import { isAppError } from "@/server/errors";
import { pageParams } from "@/server/route-params";
import { getRulesForm } from "@/features/papers/queries/paper-forms";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { RulesForm } from "@/features/papers/components/rules-form";
import { PageHeader } from "@/components/ui/page-header";
import { paperPath } from "@/lib/paths";

export const metadata = { title: "Decision rules" };

type Params = { params: Promise<{ slug: string; paper: string }> };

/** Loads the form; people who may read the paper but not change its rules get the reason instead. */
async function load(viewer: Awaited<ReturnType<typeof requirePageUser>>, slug: string, paper: string) {
  try {
    return { ok: true as const, form: await getRulesForm(viewer, slug, paper) };
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return { ok: false as const, message: error.message };
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function PaperRulesPage({ params }: Params) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await requirePageUser(`${paperPath(slug, paper)}/rules`);
  const result = await load(viewer, slug, paper);
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeader title="Decision rules" />
        <p className="rounded-md border border-line bg-warn-soft px-4 py-3">
          {result.message} <Link href={paperPath(slug, paper)} className="font-medium underline">Back to the paper</Link>
        </p>
      </div>
    );
  }
  const { group, paper: p, rules } = result.form;
  return (
    <div className="mx-auto max-w-2xl">
      <PaperBreadcrumb group={group} paper={p} />
      <div className="mt-2">
        <PageHeader
          title="Decision rules"
          intro="How proposals on this paper are decided. Changes apply to proposals made from now on; open proposals keep the rules they opened under. Every change is recorded in the group's moderation log."
        />
      </div>
      <RulesForm paperId={p.id} rules={rules} />
    </div>
  );
}
