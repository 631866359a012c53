import Link from "next/link";
import { organisationPath } from "@/lib/paths";
import { VerifiedBadge } from "./verified-badge";

/** An organisation's name linking to its profile, with its verified badge; used in "Commissioned by …" credits. */
export function OrganisationName({ slug, name, verified }: { slug: string; name: string; verified: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
      <Link href={organisationPath(slug)} className="font-medium text-accent underline">
        <bdi>{name}</bdi>
      </Link>
      {verified ? <VerifiedBadge /> : null}
    </span>
  );
}
