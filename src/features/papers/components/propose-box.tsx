import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

/**
 * Changes to the paper as a whole: a new title, question or summary, or a new section at a
 * chosen place. A plain GET form picks the place, so it works without JavaScript.
 */
export function ProposeBox({
  base,
  sections,
  canPublish,
}: {
  base: string;
  sections: { anchor: string; heading: string }[];
  canPublish?: boolean;
}) {
  const last = sections.length + 1;
  return (
    <section aria-labelledby="pp-propose" className="rounded-lg border border-line bg-white p-4 text-sm">
      <h2 id="pp-propose" className="text-base font-semibold">
        Propose a change to the paper
      </h2>
      <p className="mt-1 text-muted">To change a section, use the links under it.</p>
      <form action={`${base}/propose`} method="get" className="mt-3 space-y-2">
        <input type="hidden" name="kind" value="ADD_SECTION" />
        <label htmlFor="pp-position" className="block font-medium">
          Where the new section goes
        </label>
        <select
          id="pp-position"
          name="position"
          defaultValue={String(last)}
          className="block w-full rounded-md border border-line bg-white px-3 py-2 text-base"
        >
          <option value="1">At the start</option>
          {sections.map((s, i) => (
            <option key={s.anchor} value={String(i + 2)}>
              {i + 2 === last ? "At the end, after" : "After"} “
              {s.heading.length > 32 ? `${s.heading.slice(0, 31)}…` : s.heading}”
            </option>
          ))}
        </select>
        <button type="submit" className={buttonClass("secondary")}>
          Propose a new section
        </button>
      </form>
      <p className="mt-4">
        <Link href={`${base}/propose?kind=RETITLE`} className="font-medium text-accent underline">
          Propose a new title, question or summary
        </Link>
      </p>
      {canPublish ? (
        <p className="mt-4 border-t border-line pt-3">
          <Link href={`${base}/propose?kind=PUBLISH`} className="font-medium text-accent underline">
            Propose publishing this draft
          </Link>
          <span className="block text-muted">
            Members vote on making the draft as it stands a fixed, citable version.
          </span>
        </p>
      ) : null}
    </section>
  );
}
