import Link from "next/link";
import { groupPath } from "@/lib/paths";

/** "← Group name" at the top of a group's sub-pages (members, log, queue, settings, a new thread). */
export function GroupBackLink({ group }: { group: { slug: string; name: string } }) {
  return (
    <Link href={groupPath(group.slug)} className="text-sm font-medium text-accent underline">
      ← {group.name}
    </Link>
  );
}
