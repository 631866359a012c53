import { buttonClass } from "@/components/ui/button-class";
import type { SearchParams } from "../schemas";

const fieldClass = "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2";

/** A plain GET form: works without JavaScript, and every search has a shareable address. */
export function SearchForm({ params, groups }: { params: SearchParams; groups: { slug: string; name: string }[] }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers
    <form role="search" action="/search" className="mb-6 grid gap-3 sm:grid-cols-[1fr_10rem_14rem_auto] sm:items-end">
      <div>
        <label htmlFor="search-q" className="block font-medium">
          Search for
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={params.q.slice(0, 500)}
          maxLength={500}
          className={fieldClass}
        />
      </div>
      <div>
        <label htmlFor="search-type" className="block font-medium">
          Show
        </label>
        <select id="search-type" name="type" defaultValue={params.type} className={fieldClass}>
          <option value="all">Everything</option>
          <option value="papers">Published papers</option>
          <option value="threads">Discussions</option>
        </select>
      </div>
      <div>
        <label htmlFor="search-group" className="block font-medium">
          Group
        </label>
        <select id="search-group" name="group" defaultValue={params.group} className={fieldClass}>
          <option value="">All groups</option>
          {groups.map((g) => (
            <option key={g.slug} value={g.slug}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
    </form>
  );
}
