import { Card } from "@/components/ui/card";
import { OrganisationName } from "@/components/ui/organisation-name";
import { ORGANISATION_KIND_LABELS, type OrganisationKindValue } from "../schemas";

export function OrganisationCard({
  organisation,
}: {
  organisation: { slug: string; name: string; kind: OrganisationKindValue; verified: boolean; commissionCount: number };
}) {
  const { commissionCount: n } = organisation;
  return (
    <Card className="h-full">
      <h2 className="text-lg font-semibold">
        <OrganisationName slug={organisation.slug} name={organisation.name} verified={organisation.verified} />
      </h2>
      <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-muted">
        <span>{ORGANISATION_KIND_LABELS[organisation.kind]}</span>
        <span>{n === 0 ? "No commissions yet" : `${n} commission${n === 1 ? "" : "s"}`}</span>
      </p>
    </Card>
  );
}
