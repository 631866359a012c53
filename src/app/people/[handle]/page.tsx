import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { getPublicProfile, isDeletedAccount } from "@/features/accounts/queries";
import { formatDate } from "@/lib/dates";
import { groupPath } from "@/lib/paths";
import { SECTOR_LABELS } from "@/lib/perspectives";
import { getCurrentUser } from "@/server/auth/current-user";
import { pageParams } from "@/server/route-params";

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await pageParams(params, { handle: "handle" });
  const person = await getPublicProfile(handle, await getCurrentUser());
  return { title: person ? `${person.displayName} (@${person.handle})` : "Person not found" };
}

export default async function PersonPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await pageParams(params, { handle: "handle" });
  const viewer = await getCurrentUser();
  const person = await getPublicProfile(handle, viewer);
  if (!person) {
    if (!(await isDeletedAccount(handle))) notFound();
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold">This account was deleted</h1>
      </div>
    );
  }
  const isSelf = viewer?.handle === person.handle;
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{person.displayName}</h1>
      <p className="mt-1 text-muted">
        @{person.handle} · member since {formatDate(person.joinedAt)}
      </p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm font-medium text-muted">Takes part as</dt>
          <dd className="mt-1">
            <PerspectiveBadge perspective={person.perspective} />
          </dd>
        </div>
        {person.sector ? (
          <div>
            <dt className="text-sm font-medium text-muted">Field</dt>
            <dd className="mt-1">
              {SECTOR_LABELS[person.sector]}
              {person.fieldDetail ? `: ${person.fieldDetail}` : ""}
            </dd>
          </div>
        ) : null}
        {person.organisationName ? (
          <div>
            <dt className="text-sm font-medium text-muted">Organisation</dt>
            <dd className="mt-1">{person.organisationName}</dd>
          </div>
        ) : null}
      </dl>
      {person.bio ? <p className="mt-6 whitespace-pre-line">{person.bio}</p> : null}
      <section aria-labelledby="groups-heading" className="mt-8">
        <h2 id="groups-heading" className="mb-3 text-xl font-semibold">
          Groups
        </h2>
        {person.groupsHidden ? (
          <p className="mb-3 text-sm text-muted">
            {isSelf
              ? "Only you see this list: you chose to hide your groups from your public profile."
              : "They chose not to list their groups."}
          </p>
        ) : null}
        {person.groupsHidden && !isSelf ? null : person.groups.length === 0 ? (
          <p className="text-muted">No groups to show.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {person.groups.map((g) => (
              <li key={g.slug}>
                <Card>
                  <Link href={groupPath(g.slug)} className="font-medium text-accent underline">
                    <bdi>{g.name}</bdi>
                  </Link>
                  {g.role !== "MEMBER" ? (
                    <span className="ml-2 text-sm text-muted">{g.role === "OWNER" ? "owner" : "moderator"}</span>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
