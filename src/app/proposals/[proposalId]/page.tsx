import { Card } from "@/components/ui/card";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { closeProposalIfDue } from "@/composition/decisions";
import { AcceptChange } from "@/features/commissions/components/accept-change";
import { creditRefsOfPapers } from "@/features/commissions/queries/credit-ref";
import { ProposalDiscussion } from "@/features/papers/components/proposal-discussion";
import { NeedsUpdateNotice, ProposalAuthorControls } from "@/features/proposals/components/proposal-author-controls";
import { ProposalChange } from "@/features/proposals/components/proposal-change";
import { describeProposal, ProposalHeader } from "@/features/proposals/components/proposal-header";
import { ProposalTally } from "@/features/proposals/components/proposal-tally";
import { VoteForm } from "@/features/proposals/components/vote-form";
import { VoteList } from "@/features/proposals/components/vote-list";
import { getProposalPage } from "@/features/proposals/queries/proposal-page";
import { listProposalVotes } from "@/features/proposals/queries/votes-list";
import { zPage } from "@/lib/form-fields";
import { joinGroupPath, proposalPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = { params: Promise<{ proposalId: string }> };

async function proposalIdOf(params: Params["params"]) {
  return (await pageParams(params, { proposalId: "uuid" })).proposalId;
}

export async function generateMetadata({ params }: Params) {
  const id = await proposalIdOf(params);
  const viewer = await getCurrentUser();
  await closeProposalIfDue(viewer, id);
  const { proposal: p, paper } = await orNotFound(getProposalPage(viewer, id));
  return {
    title: `Proposal #${p.number}: ${describeProposal(p.kind, { base: p.base.heading, proposed: p.proposed.heading })} · ${paper.title}`,
  };
}

export default async function ProposalPage({
  params,
  searchParams,
}: Params & { searchParams: Promise<{ page?: string }> }) {
  const id = await proposalIdOf(params);
  const page = zPage.parse((await searchParams).page);
  const viewer = await getCurrentUser();
  await closeProposalIfDue(viewer, id);
  const d = await orNotFound(getProposalPage(viewer, id));
  const votes = await listProposalVotes(viewer, id, { page });
  const { proposal: p, viewer: me } = d;
  const returnPath = proposalPath(id);
  const showVoteCard = me.votingOpen || !!me.myVote?.current;
  // Who commissioned the paper, composed in here: proposals know nothing of commissions.
  const commission = (await creditRefsOfPapers([d.paper.id])).get(d.paper.id) ?? null;

  return (
    <div>
      <ProposalHeader
        group={d.group}
        paper={d.paper}
        proposal={p}
        credit={
          commission ? (
            <CommissionCredit
              organisation={commission.organisation}
              commissionId={commission.commissionId}
              className="text-sm text-muted"
            />
          ) : null
        }
      />
      {p.status === "NEEDS_UPDATE" ? (
        <NeedsUpdateNotice proposalId={id} note={p.statusNote} isAuthor={me.isAuthor} canChange={me.canChange} />
      ) : null}
      {me.canChange ? <ProposalAuthorControls proposalId={id} needsUpdate={p.status === "NEEDS_UPDATE"} /> : null}

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem]">
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="rationale-heading">
            <h2 id="rationale-heading" className="text-xl font-semibold">
              Why
            </h2>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by rehype-sanitize when it was rendered (renderedHtmlOf, src/server/markdown/) */}
            <div className="post-body mt-2" dangerouslySetInnerHTML={{ __html: p.rationaleHtml }} />
          </section>
          <ProposalChange
            data={d}
            acceptChange={<AcceptChange status={p.status} group={d.group} paper={{ slug: d.paper.slug, commission }} />}
          />
        </div>

        <aside aria-label="Voting" className="min-w-0 space-y-6">
          <Card>
            <h2 className="text-xl font-semibold">Votes</h2>
            <div className="mt-3">
              <ProposalTally tally={d.tally} checks={d.checks} rules={p.rules} open={p.status === "OPEN"} />
            </div>
          </Card>
          {showVoteCard ? (
            <Card>
              <h2 className="mb-3 text-xl font-semibold">Your vote</h2>
              <VoteForm
                proposalId={id}
                version={p.version}
                myVote={me.myVote}
                votingOpen={me.votingOpen}
                signedIn={me.signedIn}
                refusal={me.voteRefusal}
                returnPath={returnPath}
                join={me.outsider ? { href: joinGroupPath(d.group.slug, returnPath), name: d.group.name } : null}
              />
            </Card>
          ) : null}
        </aside>
      </div>

      <section aria-labelledby="voters-heading" className="mt-10">
        <h2 id="voters-heading" className="mb-2 text-xl font-semibold">
          Who voted
        </h2>
        <VoteList list={votes} basePath={returnPath} />
      </section>

      <section aria-labelledby="discussion-heading" className="mt-10">
        <h2 id="discussion-heading" className="mb-3 text-xl font-semibold">
          Discussion
        </h2>
        <ProposalDiscussion
          proposalId={id}
          thread={d.thread}
          canComment={me.canComment}
          signedIn={me.signedIn}
          refusal={me.commentRefusal}
          returnPath={returnPath}
        />
      </section>
    </div>
  );
}
