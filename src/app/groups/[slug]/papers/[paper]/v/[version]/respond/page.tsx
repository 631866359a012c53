import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea, TextField } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { RefusalPage } from "@/components/ui/refusal";
import { COMMISSION_LIMITS } from "@/features/commissions/limits";
import { getRespondForm } from "@/features/commissions/queries/responses";
import { respondToPublicationAction } from "@/features/commissions/response-actions";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { formatDate } from "@/lib/dates";
import { publicationPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { loadOrRefuse } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Respond to the report" };

type Params = { params: Promise<{ slug: string; paper: string; version: string }> };

export default async function RespondPage({ params }: Params) {
  const { slug, paper, version } = await pageParams(params, { slug: "slug", paper: "slug", version: "version" });
  const back = publicationPath(slug, paper, version);
  const viewer = await requirePageUser(`${back}/respond`);
  // FORBIDDEN (not the organisation's admin) and CONFLICT (already responded) come with a reason to show.
  const result = await loadOrRefuse(getRespondForm(viewer, slug, paper, version), ["FORBIDDEN", "CONFLICT"]);
  if (!result.ok) {
    return (
      <RefusalPage title="Respond to the report" next={{ href: back, label: "Back to the report" }}>
        {result.message}
      </RefusalPage>
    );
  }
  const { group, publication: p, paper: pp, organisation } = result.data;
  const reportPath = publicationPath(group.slug, pp.slug, p.version);
  return (
    <div className="mx-auto max-w-3xl">
      <PaperBreadcrumb group={group} />
      <div className="mt-2">
        <PageHeader
          title={`Respond for ${organisation.name}`}
          intro={
            <>
              <p>
                To{" "}
                <Link href={reportPath} className="font-medium text-accent underline">
                  “<bdi>{p.title}</bdi>”, version {p.version}
                </Link>
                , published {formatDate(p.publishedAt)}.
              </p>
              <p className="mt-2">
                The response is shown with the report, under {organisation.name}&rsquo;s name and the name of the person
                who signs it. It is the organisation&rsquo;s statement, not the group&rsquo;s, and the group&rsquo;s
                contributors are told about it.
              </p>
              <p className="mt-2 font-semibold">
                A response is a signed statement: once posted it cannot be edited or replaced, and there is one per
                version.
              </p>
            </>
          }
        />
      </div>
      <ActionForm
        action={respondToPublicationAction}
        submitLabel="Sign and publish the response"
        pendingLabel="Publishing…"
        ariaLabel={`Response from ${organisation.name}`}
      >
        <Hidden name="publicationId" value={p.id} />
        <TextField
          name="signatoryName"
          label="Signed by (name and role)"
          maxLength={COMMISSION_LIMITS.signatory}
          hint="For example “Jane Doe, Chief Executive”."
          autoComplete="name"
        />
        <TextArea
          name="body"
          markdown="text"
          label="The response"
          rows={14}
          maxLength={COMMISSION_LIMITS.response}
          hint={`Markdown, up to ${COMMISSION_LIMITS.response.toLocaleString("en-GB")} characters.`}
        />
      </ActionForm>
    </div>
  );
}
