import { QueryInput, QuerySelect } from "@/components/form/query-fields";
import { buttonClass } from "@/components/ui/button-class";
import type { SearchParams } from "../schemas";

/** A plain GET form: works without JavaScript, and every search has a shareable address. */
export function SearchForm({ params, groups }: { params: SearchParams; groups: { slug: string; name: string }[] }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers
    <form role="search" action="/search" className="mb-6 grid gap-3 sm:grid-cols-[1fr_10rem_14rem_auto] sm:items-end">
      <QueryInput
        id="search-q"
        type="search"
        name="q"
        label="Search for"
        defaultValue={params.q.slice(0, 500)}
        maxLength={500}
      />
      <QuerySelect
        id="search-type"
        name="type"
        label="Show"
        defaultValue={params.type}
        options={[
          { value: "all", label: "Everything" },
          { value: "papers", label: "Published papers" },
          { value: "threads", label: "Discussions" },
        ]}
      />
      <QuerySelect
        id="search-group"
        name="group"
        label="Group"
        defaultValue={params.group}
        options={[{ value: "", label: "All groups" }, ...groups.map((g) => ({ value: g.slug, label: g.name }))]}
      />
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
    </form>
  );
}
