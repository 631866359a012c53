import Link from "next/link";
import { personPath } from "@/lib/paths";
import type { Person } from "../queries/paper-access";

/** A person's name linking to their profile, or "a former member" for deleted accounts. */
export function PersonName({ person }: { person: Person }) {
  if (!person) return <span>a former member</span>;
  return (
    <Link href={personPath(person.handle)} className="text-accent underline">
      {person.displayName}
    </Link>
  );
}
