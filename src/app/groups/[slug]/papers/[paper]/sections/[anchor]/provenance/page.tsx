import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { closeDueProposalsOfPaper } from "@/composition/decisions";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { MergedProposals, ProvenanceView } from "@/features/papers/components/provenance-view";
import { getSectionProvenance } from "@/features/papers/queries/provenance";
import { historyPath, proposalPath, sectionPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = { params: Promise<{ slug: string; paper: string; anchor: string }> };

export async function generateMetadata({ params }: Params) {
  const { slug, paper, anchor } = await pageParams(params, { slug: "slug", paper: "slug", anchor: "slug" });
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paper);
  const data = await orNotFound(getSectionProvenance(viewer, slug, paper, anchor));
  return { title: `How “${data.section.heading}” was written` };
}

export default async function SectionProvenancePage({ params }: Params) {
  const { slug, paper, anchor } = await pageParams(params, { slug: "slug", paper: "slug", anchor: "slug" });
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paper);
  const data = await orNotFound(getSectionProvenance(viewer, slug, paper, anchor));
  const { group, paper: p, section } = data;
  const origin = data.revisions.find((r) => r.number === data.origin);
  return (
    <div>
      <PaperBreadcrumb group={group} paper={p} />
      <div className="mt-2">
        <PageHeader
          title={`How “${section.heading}” was written`}
          intro={
            <>
              <p>
                Who shaped this section of “<bdi>{p.title}</bdi>”: every passage of its current text, with the first
                draft, proposal or editorial fix that wrote it.
              </p>
              <p className="mt-2">
                {origin?.kind === "INITIAL" ? "The section was part of the first draft. " : null}
                {origin?.kind === "PROPOSAL" && origin.proposal ? (
                  <>
                    The section was added by{" "}
                    <Link href={proposalPath(origin.proposal.id)} className="font-medium text-accent underline">
                      proposal #{origin.proposal.number}
                    </Link>{" "}
                    (revision {origin.number}).{" "}
                  </>
                ) : null}
                {section.removed ? null : (
                  <Link
                    href={sectionPath(group.slug, p.slug, section.anchor)}
                    className="font-medium text-accent underline"
                  >
                    Read it in the paper
                  </Link>
                )}
                {section.removed ? null : " · "}
                <Link href={historyPath(group.slug, p.slug)} className="font-medium text-accent underline">
                  History of the paper
                </Link>
              </p>
            </>
          }
        />
      </div>
      {section.removed ? (
        <p role="status" className="mb-6 rounded-md border border-line bg-warn-soft px-4 py-3">
          This section has been removed from the paper. This is its text as it was when it was removed.
        </p>
      ) : null}
      <div className="space-y-10">
        <ProvenanceView data={data} />
        <MergedProposals proposals={data.merged} />
      </div>
    </div>
  );
}
