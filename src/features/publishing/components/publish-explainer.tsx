import Link from "next/link";
import { hoursInWords } from "@/lib/words";
import { LICENCE_NAME, LICENCE_URL } from "./citation";

type Props = {
  revision: number;
  nextVersion: number;
  thresholdPercent: number;
  rules: { votingPeriodHours: number; quorum: number; requireBothPerspectives: boolean };
  draftHref: string;
};

/** What publishing means, above the form that proposes it. */
export function PublishExplainer({ revision, nextVersion, thresholdPercent, rules, draftHref }: Props) {
  return (
    <section aria-labelledby="publish-what" className="rounded-lg border border-line bg-white p-4">
      <h2 id="publish-what" className="text-lg font-semibold">
        What publishing means
      </h2>
      <ul className="mt-2 list-disc space-y-1.5 pl-5">
        <li>
          <Link href={draftHref} className="font-medium text-accent underline">
            The draft as it stands
          </Link>{" "}
          (revision {revision}) becomes <strong>version {nextVersion}</strong>: a fixed text at its own permanent
          address that is never changed afterwards. The draft stays open for changes, and a later draft can be published
          as a new version.
        </li>
        <li>
          It is published under the licence{" "}
          <a href={LICENCE_URL} className="font-medium text-accent underline">
            {LICENCE_NAME}
          </a>
          : anyone may read, share and adapt it, crediting the group.
        </li>
        <li>
          Members vote on it like any proposal, for {hoursInWords(rules.votingPeriodHours)}. It needs at least{" "}
          {rules.quorum} votes and <strong>{thresholdPercent}% support</strong> (the group’s publication threshold)
          {rules.requireBothPerspectives ? ", with support from both practitioners and service users" : ""}.
        </li>
        <li>
          If the draft changes while the vote runs, members would have approved a different text, so the proposal is
          marked “needs update” instead of publishing.
        </li>
        <li>
          The published version names everyone whose words are in it, by their display names, and shows who took part.
        </li>
      </ul>
    </section>
  );
}
