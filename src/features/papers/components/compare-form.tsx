import { buttonClass } from "@/components/ui/button-class";

const selectClass = "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base";

function RevisionSelect({
  id,
  name,
  label,
  latest,
  value,
}: {
  id: string;
  name: string;
  label: string;
  latest: number;
  value: number;
}) {
  const numbers = Array.from({ length: latest }, (_, i) => latest - i);
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={String(value)} className={selectClass}>
        {numbers.map((n) => (
          <option key={n} value={String(n)}>
            Revision {n}
            {n === latest ? " (latest)" : n === 1 ? " (first draft)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two revisions to compare; a plain GET form, so it works without JavaScript. */
export function CompareForm({
  action,
  latest,
  from,
  to,
}: {
  action: string;
  latest: number;
  from?: number;
  to?: number;
}) {
  return (
    <form
      action={action}
      method="get"
      aria-label="Compare two revisions"
      className="rounded-lg border border-line bg-white p-4"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <RevisionSelect
          id="compare-from"
          name="from"
          label="From"
          latest={latest}
          value={from ?? Math.max(1, latest - 1)}
        />
        <RevisionSelect id="compare-to" name="to" label="To" latest={latest} value={to ?? latest} />
        <button type="submit" className={buttonClass("primary")}>
          Compare
        </button>
      </div>
    </form>
  );
}
