import Link from "next/link";
import { notFound } from "next/navigation";
import { Hidden } from "@/components/form/fields";
import { RefusalPage } from "@/components/ui/refusal";
import { createCommissionAction } from "@/features/commissions/actions";
import { dayValue } from "@/features/commissions/components/commission-brief-fields";
import { CommissionBriefPage } from "@/features/commissions/components/commission-brief-page";
import { pickerChoices } from "@/features/commissions/components/group-choices";
import { GroupPicker } from "@/features/commissions/components/group-picker";
import { groupsToChooseFrom } from "@/features/commissions/queries/commission-form";
import { getOrganisationPage } from "@/features/organisations/queries";
import { newCommissionPath, organisationPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "New commission" };

const DAY = 24 * 3_600_000;

export default async function NewCommissionPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(newCommissionPath(slug));
  const page = await getOrganisationPage(slug, viewer);
  if (!page) notFound();
  const { organisation } = page;
  if (!page.can("commission.create")) {
    return (
      <RefusalPage title="New commission" width="max-w-3xl">
        Only admins of{" "}
        <Link href={organisationPath(organisation.slug)} className="font-medium underline">
          {organisation.name}
        </Link>{" "}
        can commission reports for it.
      </RefusalPage>
    );
  }
  const groups = pickerChoices(await groupsToChooseFrom(viewer));
  const today = Date.now();
  return (
    <CommissionBriefPage
      back={{ href: organisationPath(organisation.slug), label: organisation.name }}
      title="Commission a report"
      intro={
        <>
          Set a brief and a deadline; members of the groups you choose decide whether to take it on, then write it.{" "}
          {organisation.name} is credited wherever the report appears, and can comment and propose changes like any
          member — but votes, moderation and publication stay with the group.
        </>
      }
      form={{
        action: createCommissionAction,
        submitLabel: "Post the commission",
        pendingLabel: "Posting…",
        ariaLabel: "Commission a report",
      }}
      hidden={<Hidden name="organisationId" value={organisation.id} />}
      defaults={{
        title: "",
        question: "",
        background: "",
        scope: "",
        goodAnswer: "",
        disclosure: "",
        contributionsOpenAt: dayValue(new Date(today)),
        draftingFrom: dayValue(new Date(today + 28 * DAY)),
        deadlineAt: dayValue(new Date(today + 90 * DAY)),
      }}
    >
      <GroupPicker choices={groups} legend="Post it to these groups" />
    </CommissionBriefPage>
  );
}
