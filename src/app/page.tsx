import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { ThreadList } from "@/features/discussions/components/thread-list";
import { recentThreadsInMyGroups } from "@/features/discussions/queries/recent-threads";
import { GroupCard } from "@/features/groups/components/group-card";
import { listGroups, listMyGroups } from "@/features/groups/queries";
import { WaitingForVote } from "@/features/proposals/components/waiting-for-vote";
import { waitingForVote } from "@/features/proposals/queries/waiting-for-vote";
import { groupPath, waitingVotesPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { offerToPageCache } from "@/server/page-cache/offer";
import { ANY_PAPER, ANY_THREAD } from "@/server/page-cache/tags";

export default async function HomePage() {
  const viewer = await getCurrentUser();
  const [popular, mine, waiting, recent] = await Promise.all([
    listGroups(viewer, { q: "", page: 1 }),
    listMyGroups(viewer),
    // Only for the signed in: the signed-out page is the one the page cache keeps.
    viewer ? waitingForVote(viewer) : null,
    recentThreadsInMyGroups(viewer),
  ]);
  await offerToPageCache(viewer, [ANY_THREAD, ANY_PAPER]);
  const isMember = mine.some((g) => g.status === "ACTIVE");
  return (
    <div className="space-y-12">
      {viewer ? (
        <section aria-labelledby="intro-heading" className="rounded-xl bg-accent-soft px-6 py-6 sm:px-8">
          <h1 id="intro-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
            Welcome back, {viewer.displayName}
          </h1>
          <p className="mt-2 max-w-2xl">
            {isMember
              ? "Here is what is waiting for your vote and what is being discussed in your groups."
              : "Join a topic group to discuss, draft papers and vote with people who know the services."}
          </p>
          <p className="mt-4 flex flex-wrap gap-3">
            <Link href="/groups" className={buttonClass(isMember ? "secondary" : "primary")}>
              Browse groups
            </Link>
            <Link href="/library" className={buttonClass("secondary")}>
              Read published papers
            </Link>
          </p>
        </section>
      ) : (
        <section aria-labelledby="intro-heading" className="rounded-xl bg-accent-soft px-6 py-10 sm:px-10">
          <h1 id="intro-heading" className="max-w-3xl text-3xl font-bold tracking-tight sm:text-4xl">
            Policy written by the people who run public services and the people who use them.
          </h1>
          <p className="mt-4 max-w-2xl text-lg">
            Nurses, social workers, teachers and charity staff know what works. So do the people who rely on their
            services. Here you discuss in topic groups, draft policy papers together, vote changes in, and publish
            papers anyone can read and cite.
          </p>
          <p className="mt-6 flex flex-wrap gap-3">
            <Link href="/register" className={buttonClass("primary")}>
              Join as a practitioner or service user
            </Link>
            <Link href="/groups" className={buttonClass("secondary")}>
              Browse groups
            </Link>
          </p>
        </section>
      )}
      {waiting && isMember ? (
        <WaitingForVote items={waiting.items} total={waiting.total} seeAllHref={waitingVotesPath()} showGroup />
      ) : null}
      {recent.length > 0 ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="mb-3 text-xl font-semibold">
            Latest in your groups
          </h2>
          <ThreadList threads={recent} />
        </section>
      ) : null}
      {mine.length > 0 ? (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading" className="mb-3 text-xl font-semibold">
            Your groups
          </h2>
          <ul className="flex flex-wrap gap-2">
            {mine.map((g) => (
              <li key={g.slug}>
                <Link
                  href={groupPath(g.slug)}
                  className="inline-block rounded-full border border-line bg-white px-3 py-1 text-sm font-medium hover:bg-accent-soft"
                >
                  <bdi>{g.name}</bdi>
                  {g.status === "PENDING" ? " (pending)" : ""}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="groups-heading">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="groups-heading" className="text-xl font-semibold">
            Active groups
          </h2>
          <Link href="/groups" className="text-sm font-medium text-accent underline">
            All groups
          </Link>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2">
          {popular.groups.slice(0, 6).map((g) => (
            <li key={g.id}>
              <GroupCard group={g} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
