import Link from "next/link";
import { closeDueProposalsOfPaper } from "@/composition/decisions";
import { PaperCommissionPanel } from "@/features/commissions/components/paper-commission-panel";
import { getPaperCommission } from "@/features/commissions/queries/paper-commission";
import { DecisionRulesBox } from "@/features/papers/components/decision-rules-box";
import { FollowPaper } from "@/features/papers/components/follow-paper";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { PaperSection } from "@/features/papers/components/paper-section";
import { PaperToc } from "@/features/papers/components/paper-toc";
import { PersonName } from "@/features/papers/components/person-name";
import { ProposeBox } from "@/features/papers/components/propose-box";
import { PaperProposals, RecentlyClosed } from "@/features/papers/components/recent-proposals";
import { SubjectDiscussion } from "@/features/papers/components/subject-discussion";
import { PAPER_STATUS_LABELS } from "@/features/papers/labels";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import { PublishedVersionsBox } from "@/features/publishing/components/version-list";
import { formatDate } from "@/lib/dates";
import { historyPath, joinGroupPath, paperPath, publicationPath, signInPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = { params: Promise<{ slug: string; paper: string }> };

export async function generateMetadata({ params }: Params) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paper);
  const page = await orNotFound(getPaperPage(viewer, slug, paper));
  return { title: page.paper.title, description: page.paper.question.slice(0, 160) };
}

export default async function PaperPage({
  params,
  searchParams,
}: Params & { searchParams: Promise<{ fixed?: string; declined?: string }> }) {
  const { slug, paper: paperSlug } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paperSlug);
  const page = await orNotFound(getPaperPage(viewer, slug, paperSlug));
  const { group, paper, sections, can } = page;
  const base = paperPath(group.slug, paper.slug);
  const query = await searchParams;
  const fixed = Number(query.fixed);
  const now = new Date();
  // Most papers have no commission: the page's own query says whether there is one to ask about.
  const commission = page.commissioned ? await getPaperCommission(viewer, paper.id, now) : null;
  const following = page.following;
  return (
    <div>
      <PaperBreadcrumb group={group} />
      {Number.isInteger(fixed) && fixed > 0 ? (
        <p role="status" className="mt-4 rounded-md border border-accent bg-accent-soft px-4 py-3">
          Your editorial fix is saved as revision {fixed}. It is listed in the{" "}
          <Link href={historyPath(group.slug, paper.slug)} className="font-medium underline">
            history
          </Link>{" "}
          and the moderation log.
        </p>
      ) : null}
      {query.declined && commission?.state === "DECLINED" ? (
        <p role="status" className="mt-4 rounded-md border border-accent bg-accent-soft px-4 py-3">
          You declined the commission. The organisation has been told, and the reason is in the group’s moderation log.
        </p>
      ) : null}

      <header className="mt-3">
        <p className="text-sm font-medium text-muted">
          Policy paper ·{" "}
          <span className="rounded bg-accent-soft px-1.5 py-0.5 font-semibold text-accent-dark">
            {PAPER_STATUS_LABELS[paper.status] ?? paper.status}
          </span>
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight break-words">{paper.title}</h1>
        <p className="mt-3 max-w-prose text-lg">
          <span className="font-semibold">The question: </span>
          {paper.question}
        </p>
        <p className="mt-3 max-w-prose whitespace-pre-line">{paper.summary}</p>
        {page.latestVersion ? (
          <p className="mt-3 text-sm">
            <span className="font-semibold">Latest published version:</span>{" "}
            <Link
              href={publicationPath(group.slug, paper.slug, page.latestVersion)}
              className="font-medium text-accent underline"
            >
              v{page.latestVersion}
            </Link>
            <span className="text-muted"> · this page is the working draft, which members may still change</span>
          </p>
        ) : null}
        <p className="mt-3 text-sm text-muted">
          Revision {paper.revision} · started by <PersonName person={paper.startedBy} /> on{" "}
          {formatDate(paper.startedAt)} · last changed {formatDate(paper.updatedAt)} ·{" "}
          <Link href={historyPath(group.slug, paper.slug)} className="font-medium text-accent underline">
            History of every change
          </Link>
        </p>
        {commission ? (
          <PaperCommissionPanel commission={commission} paperId={paper.id} declineHref={`${base}/decline`} now={now} />
        ) : null}
      </header>

      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem]">
        <div className="min-w-0 space-y-8">
          <PaperToc sections={sections} />
          {sections.length === 0 ? <p className="text-muted">This paper has no sections at the moment.</p> : null}
          {sections.map((section) => (
            <PaperSection key={section.id} page={page} section={section} now={now} />
          ))}
          <section aria-labelledby="pp-discussion" className="border-t border-line pt-6">
            <h2 id="pp-discussion" className="text-xl font-semibold">
              Discussion of the paper
            </h2>
            <p className="mt-1 text-sm text-muted">
              For the paper as a whole: its direction, what is missing, how to take it forward. Each section also has
              its own discussion.
            </p>
            <div className="mt-3">
              <SubjectDiscussion
                subject="PAPER"
                subjectId={paper.id}
                what="the paper"
                thread={paper.thread}
                canComment={can.comment}
                signedIn={page.signedIn}
                returnTo={base}
              />
            </div>
          </section>
        </div>

        <aside className="space-y-4" aria-label="About this paper">
          {can.propose ? (
            <ProposeBox base={base} sections={sections} canPublish={page.canProposePublish} />
          ) : paper.status === "DRAFTING" && page.proposeRefusal ? (
            <p className="rounded-lg border border-line bg-white p-4 text-sm">{page.proposeRefusal}</p>
          ) : paper.status === "DRAFTING" ? (
            <p className="rounded-lg border border-line bg-white p-4 text-sm">
              Members of {group.name} propose changes and vote on them.{" "}
              {page.signedIn ? (
                <Link href={joinGroupPath(group.slug, base)} className="font-medium text-accent underline">
                  Join the group
                </Link>
              ) : (
                <Link href={signInPath(base)} className="font-medium text-accent underline">
                  Sign in
                </Link>
              )}{" "}
              to take part.
            </p>
          ) : null}
          {following !== null ? <FollowPaper paperId={paper.id} following={following} /> : null}
          <PublishedVersionsBox groupSlug={group.slug} paperSlug={paper.slug} versions={page.versions} />
          <PaperProposals proposals={page.paperProposals} now={now} />
          <RecentlyClosed proposals={page.recentlyClosed} historyHref={historyPath(group.slug, paper.slug)} />
          <DecisionRulesBox rules={page.rules} rulesHref={can.setRules ? `${base}/rules` : undefined} />
        </aside>
      </div>
    </div>
  );
}
