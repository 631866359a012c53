import Link from "next/link";
import { OrganisationName } from "./organisation-name";

/**
 * "Commissioned by <organisation> (Verified) · the commission", wherever a commissioned paper appears
 * (papers, the library, search, commissions): generic UI, so no feature imports another's components.
 */
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
      <Link href={`/commissions/${commissionId}`} className="text-accent underline">
        Read the commission
      </Link>
    </p>
  );
}
