import Link from "next/link";
import { QueryInput, QuerySelect } from "@/components/form/query-fields";
import { buttonClass } from "@/components/ui/button-class";
import { SECTOR_LABELS, SECTORS } from "@/lib/perspectives";
import type { LibraryParams } from "../schemas";

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
      <QuerySelect
        id="library-group"
        name="group"
        label="Group"
        defaultValue={params.group}
        options={[{ value: "", label: "All groups" }, ...groups.map((g) => ({ value: g.slug, label: g.name }))]}
      />
      <QuerySelect
        id="library-field"
        name="field"
        label="Field"
        defaultValue={params.field}
        options={[{ value: "", label: "Every field" }, ...SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))]}
      />
      <QuerySelect
        id="library-organisation"
        name="organisation"
        label="Commissioned by"
        defaultValue={params.organisation}
        options={[
          { value: "", label: "Anyone, or not commissioned" },
          ...organisations.map((o) => ({ value: o.slug, label: o.name })),
        ]}
      />
      <QueryInput id="library-from" type="date" name="from" label="Published from" defaultValue={params.from} />
      <QueryInput id="library-to" type="date" name="to" label="Published until" defaultValue={params.to} />
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
