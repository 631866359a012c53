import { Refusal } from "@/components/ui/refusal";
import { ProposalForm, type ProposalFormVariant } from "@/features/proposals/components/proposal-form";
import { ProposalBreadcrumb } from "@/features/proposals/components/proposal-header";
import { ProposalKindChooser, ProposalSectionPicker } from "@/features/proposals/components/proposal-kind-chooser";
import { ProposalRulesNote } from "@/features/proposals/components/proposal-rules-note";
import { getProposeForm, type ProposeForm, ZProposeQuery } from "@/features/proposals/queries/proposal-form";
import { PublishExplainer } from "@/features/publishing/components/publish-explainer";
import { groupPath, paperPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Propose a change" };

type Props = {
  params: Promise<{ slug: string; paper: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function titleOf(f: ProposeForm) {
  switch (f.kind) {
    case "AMEND_SECTION":
      return f.section ? `Propose an amendment to “${f.section.heading}”` : "Propose an amendment";
    case "ADD_SECTION":
      return "Propose a new section";
    case "REMOVE_SECTION":
      return f.section ? `Propose removing “${f.section.heading}”` : "Propose removing a section";
    case "RETITLE":
      return "Propose a new title, question or summary";
    case "PUBLISH":
      return "Propose publishing this draft";
    default:
      return "Propose a change";
  }
}

/** The form's fields for the chosen kind, or null while a section still has to be chosen. */
function variantOf(f: ProposeForm): ProposalFormVariant | null {
  switch (f.kind) {
    case "AMEND_SECTION":
      return f.section
        ? { kind: "AMEND_SECTION", section: f.section, heading: f.section.heading, body: f.section.body }
        : null;
    case "REMOVE_SECTION":
      return f.section ? { kind: "REMOVE_SECTION", section: f.section } : null;
    case "ADD_SECTION":
      return { kind: "ADD_SECTION", positions: f.positions, position: f.position, heading: "", body: "" };
    case "RETITLE": {
      const front = { title: f.paper.title, question: f.paper.question, summary: f.paper.summary };
      return { kind: "RETITLE", base: front, ...front };
    }
    case "PUBLISH":
      return f.publish ? { kind: "PUBLISH", lastVersion: f.publish.lastVersion } : null;
    default:
      return null;
  }
}

export default async function ProposePage({ params, searchParams }: Props) {
  const { slug, paper: paperSlug } = await pageParams(params, { slug: "slug", paper: "slug" });
  const query = ZProposeQuery.parse(await searchParams);
  const basePath = `${paperPath(slug, paperSlug)}/propose`;
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();
  const viewer = await requirePageUser(search ? `${basePath}?${search}` : basePath);
  const f = await orNotFound(getProposeForm(viewer, slug, paperSlug, query));
  const back = paperPath(f.group.slug, f.paper.slug);
  const variant = variantOf(f);

  return (
    <div className="mx-auto max-w-3xl">
      <ProposalBreadcrumb group={f.group} paper={f.paper} last={{ label: "Propose a change" }} />
      <h1 className="mt-3 mb-4 break-words text-2xl font-bold tracking-tight sm:text-3xl">{titleOf(f)}</h1>

      {f.blocked ? (
        <Refusal
          role="alert"
          next={
            f.kind === "PUBLISH"
              ? { href: back, label: "Back to the paper" }
              : { href: groupPath(f.group.slug), label: `Go to ${f.group.name}` }
          }
        >
          {f.blocked}
        </Refusal>
      ) : !f.kind ? (
        <ProposalKindChooser basePath={basePath} />
      ) : f.sectionProblem ? (
        <div className="space-y-6">
          <p role="alert" className="rounded-md border border-danger bg-danger-soft px-4 py-3 text-danger">
            {f.sectionProblem}
          </p>
          <ProposalSectionPicker
            basePath={basePath}
            kind={f.kind as "AMEND_SECTION" | "REMOVE_SECTION"}
            sections={f.sections}
          />
        </div>
      ) : !variant ? (
        <ProposalSectionPicker
          basePath={basePath}
          kind={f.kind as "AMEND_SECTION" | "REMOVE_SECTION"}
          sections={f.sections}
        />
      ) : variant.kind === "PUBLISH" && f.publish ? (
        <ProposalForm
          paperId={f.paper.id}
          baseRevision={f.paper.revisionNumber}
          variant={variant}
          submitLabel={`Propose publishing as version ${(f.publish.lastVersion ?? 0) + 1}`}
          cancelHref={back}
          intro={
            <PublishExplainer
              revision={f.paper.revisionNumber}
              nextVersion={(f.publish.lastVersion ?? 0) + 1}
              thresholdPercent={f.publish.thresholdPercent}
              rules={f.rules}
              draftHref={back}
            />
          }
        />
      ) : (
        <ProposalForm
          paperId={f.paper.id}
          baseRevision={f.paper.revisionNumber}
          variant={variant}
          submitLabel="Propose this change"
          cancelHref={back}
          intro={
            <ProposalRulesNote
              rules={f.rules}
              lead={`You are proposing a change to revision ${f.paper.revisionNumber} of the paper. Members can vote as soon as you submit.`}
            />
          }
        />
      )}
    </div>
  );
}
