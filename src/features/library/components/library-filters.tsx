import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { SECTOR_LABELS, SECTORS } from "@/lib/perspectives";
import type { LibraryParams } from "../schemas";

const fieldClass = "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2";
type Choice = { slug: string; name: string };

/** A GET form, so filtered lists have shareable addresses and need no JavaScript. */
export function LibraryFilters({
  params,
  groups,
  organisations,
}: {
  params: LibraryParams;
  groups: Choice[];
  organisations: Choice[];
}) {
  return (
    <form
      action="/library"
      aria-label="Filter the library"
      className="mb-6 grid gap-3 rounded-md border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div>
        <label htmlFor="library-group" className="block font-medium">
          Group
        </label>
        <select id="library-group" name="group" defaultValue={params.group} className={fieldClass}>
          <option value="">All groups</option>
          {groups.map((g) => (
            <option key={g.slug} value={g.slug}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="library-field" className="block font-medium">
          Field
        </label>
        <select id="library-field" name="field" defaultValue={params.field} className={fieldClass}>
          <option value="">Every field</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {SECTOR_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="library-organisation" className="block font-medium">
          Commissioned by
        </label>
        <select id="library-organisation" name="organisation" defaultValue={params.organisation} className={fieldClass}>
          <option value="">Anyone, or not commissioned</option>
          {organisations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="library-from" className="block font-medium">
          Published from
        </label>
        <input id="library-from" type="date" name="from" defaultValue={params.from} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="library-to" className="block font-medium">
          Published until
        </label>
        <input id="library-to" type="date" name="to" defaultValue={params.to} className={fieldClass} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
        <button type="submit" className={buttonClass("primary")}>
          Show papers
        </button>
        <Link href="/library" className={buttonClass("secondary")}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}
