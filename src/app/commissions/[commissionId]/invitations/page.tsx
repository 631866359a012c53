import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { InvitationCreateForm } from "@/features/commissions/components/invitation-create-form";
import { InvitationLinkList } from "@/features/commissions/components/invitation-link-list";
import { getCommissionInvitations } from "@/features/commissions/queries/invitations";
import { zPage } from "@/lib/form-fields";
import { commissionPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";
import { siteOrigin } from "@/server/site-origin";

export const metadata = { title: "Invitation links" };

type Props = { params: Promise<{ commissionId: string }>; searchParams: Promise<{ page?: string }> };

export default async function CommissionInvitationsPage({ params, searchParams }: Props) {
  const { commissionId } = await pageParams(params, { commissionId: "uuid" });
  const here = `${commissionPath(commissionId)}/invitations`;
  const viewer = await requirePageUser(here);
  const data = await orNotFound(getCommissionInvitations(viewer, commissionId, zPage.parse((await searchParams).page)));
  const origin = await siteOrigin();
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={commissionPath(commissionId)} className="text-sm font-medium text-accent underline">
        ← <bdi>{data.commission.title}</bdi>
      </Link>
      <PageHeader
        title="Invitation links"
        intro={`Invite people with a particular perspective, such as people who use a service, to join a group writing this commission. ${data.organisation.name} is credited on the link; the group keeps its own rules on who joins, and its owners can revoke any link.`}
      />
      <section aria-labelledby="new-link" className="mb-10">
        <h2 id="new-link" className="mb-3 text-xl font-bold">
          Make a link
        </h2>
        {data.groups.length === 0 ? (
          <p className="rounded-md border border-line bg-warn-soft px-4 py-3">
            No group has taken this commission on yet. Links open once a group votes to take it on: that vote belongs to
            the group&apos;s existing members.
          </p>
        ) : (
          <div className="space-y-4">
            {data.groups.map((group) => (
              <Card key={group.slug}>
                <h3 className="mb-3 font-semibold">{group.name}</h3>
                <InvitationCreateForm commissionId={data.commission.id} group={group} />
              </Card>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="links">
        <h2 id="links" className="mb-3 text-xl font-bold">
          Links made so far
        </h2>
        <InvitationLinkList
          links={data.links.map((l) => ({ ...l, url: `${origin}/invite/${l.token}` }))}
          from={here}
          empty="No links yet."
        />
        <Pagination page={data.page} pageCount={data.pageCount} basePath={here} />
      </section>
    </div>
  );
}
