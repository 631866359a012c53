import Link from "next/link";
import { OrganisationName } from "@/components/ui/organisation-name";
import { commissionPath } from "@/lib/paths";

/** "Commissioned by <organisation> (Verified) · the commission", wherever a commissioned paper appears. */
export function CommissionCredit({
  organisation,
  commissionId,
  className = "text-sm",
}: {
  organisation: { slug: string; name: string; verified: boolean };
  commissionId: string;
  className?: string;
}) {
  return (
    <p className={`flex flex-wrap items-center gap-x-1.5 gap-y-1 ${className}`}>
      <span>Commissioned by</span>
      <OrganisationName slug={organisation.slug} name={organisation.name} verified={organisation.verified} />
      <span aria-hidden="true">·</span>
      <Link href={commissionPath(commissionId)} className="text-accent underline">
        Read the commission
      </Link>
    </p>
  );
}
