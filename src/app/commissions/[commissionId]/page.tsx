import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { buttonClass } from "@/components/ui/button-class";
import { OrganisationName } from "@/components/ui/organisation-name";
import { postCommissionAction } from "@/features/commissions/actions";
import { CommissionTimeline } from "@/features/commissions/components/commission-timeline";
import { pickerChoices } from "@/features/commissions/components/group-choices";
import { GroupPicker } from "@/features/commissions/components/group-picker";
import { PostingsTable } from "@/features/commissions/components/postings-table";
import { getCommissionPage } from "@/features/commissions/queries/commission";
import { groupsToChooseFrom } from "@/features/commissions/queries/commission-form";
import { independenceStatement } from "@/features/publishing/commission-credit";
import { formatDate } from "@/lib/dates";
import { commissionDashboardPath, commissionEditPath, commissionInvitationsPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = {
  params: Promise<{ commissionId: string }>;
  searchParams: Promise<{ created?: string; updated?: string }>;
};

async function load(params: Params["params"]) {
  const { commissionId } = await pageParams(params, { commissionId: "uuid" });
  const viewer = await getCurrentUser();
  return { viewer, page: await orNotFound(getCommissionPage(viewer, commissionId)) };
}

export async function generateMetadata({ params }: Params) {
  const { page } = await load(params);
  return {
    title: `${page.commission.title} — commissioned by ${page.organisation.name}`,
    description: page.commission.question.slice(0, 160),
  };
}

/** `html` was sanitised when it was rendered (src/server/markdown/). */
function BriefPart({ id, title, html }: { id: string; title: string; html: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the brief's HTML comes from renderedHtml(), sanitised by rehype-sanitize in the render worker (src/server/markdown/) */}
      <div className="post-body mt-2 max-w-prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

export default async function CommissionPage({ params, searchParams }: Params) {
  const { viewer, page } = await load(params);
  const { commission, organisation, can } = page;
  const notice = (await searchParams).created
    ? "The commission is posted. Each group’s owners and moderators have been told; its members now decide whether to take it on."
    : (await searchParams).updated
      ? "The commission is updated."
      : null;
  const more = can.post && viewer ? pickerChoices(await groupsToChooseFrom(viewer, commission.id)) : [];
  const now = new Date();
  return (
    <div>
      {notice ? (
        <p role="status" className="mb-4 rounded-md border border-accent bg-accent-soft px-4 py-3">
          {notice}
        </p>
      ) : null}
      <header>
        <p className="text-sm font-medium text-muted">
          Commission by <OrganisationName {...organisation} />
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight break-words">{commission.title}</h1>
        <p className="mt-3 max-w-prose text-lg">
          <span className="font-semibold">The question: </span>
          {commission.question}
        </p>
        <p className="mt-2 text-sm text-muted">
          Posted {formatDate(commission.createdAt)}
          {commission.updatedAt > commission.createdAt
            ? ` · brief last changed ${formatDate(commission.updatedAt)}`
            : ""}
        </p>
        {can.update || can.viewDashboard || can.invite ? (
          <nav aria-label="Manage this commission" className="mt-4 flex flex-wrap gap-2">
            {can.viewDashboard ? (
              <Link href={commissionDashboardPath(commission.id)} className={buttonClass("primary")}>
                Dashboard
              </Link>
            ) : null}
            {can.update ? (
              <Link href={commissionEditPath(commission.id)} className={buttonClass("secondary")}>
                Edit the brief and timeline
              </Link>
            ) : null}
            {can.invite ? (
              <Link href={commissionInvitationsPath(commission.id)} className={buttonClass("secondary")}>
                Invitation links
              </Link>
            ) : null}
          </nav>
        ) : null}
      </header>

      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          <CommissionTimeline timeline={commission} phase={page.phase} now={now} />
          <BriefPart id="brief-background" title="Background" html={page.html.background} />
          <BriefPart id="brief-scope" title="Scope" html={page.html.scope} />
          <BriefPart id="brief-good-answer" title="What a good answer would include" html={page.html.goodAnswer} />
        </div>
        <aside className="space-y-6" aria-label="About this commission">
          <section aria-labelledby="brief-disclosure" className="rounded-lg border border-line bg-white p-4">
            <h2 id="brief-disclosure" className="text-lg font-semibold">
              What {organisation.name} provides
            </h2>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the disclosure's HTML comes from renderedHtml(), sanitised by rehype-sanitize in the render worker (src/server/markdown/) */}
            <div className="post-body mt-2" dangerouslySetInnerHTML={{ __html: page.html.disclosure }} />
            <p className="mt-3 border-t border-line pt-3 text-sm text-muted">
              {independenceStatement(organisation.name).replace("this report", "the report")}
            </p>
          </section>
          <section aria-labelledby="brief-groups">
            <h2 id="brief-groups" className="text-lg font-semibold">
              Groups asked to write it
            </h2>
            <div className="mt-2">
              <PostingsTable postings={page.postings} />
            </div>
          </section>
          {can.post && page.phase !== "OVERDUE" && more.length > 0 ? (
            <section aria-labelledby="post-more" className="rounded-lg border border-line bg-white p-4">
              <h2 id="post-more" className="text-lg font-semibold">
                Post to more groups
              </h2>
              <ActionForm
                action={postCommissionAction}
                submitLabel="Post to the ticked groups"
                pendingLabel="Posting…"
                ariaLabel="Post to more groups"
                className="mt-3 space-y-4"
              >
                <Hidden name="commissionId" value={commission.id} />
                <GroupPicker choices={more} legend="Groups" />
              </ActionForm>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
