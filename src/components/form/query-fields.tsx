// Fields of a plain GET form (filters, search): no action state, the address carries the values,
// and they work without JavaScript.

const fieldClass = "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2";

/** A labelled select; `options` are value and label pairs, in order. */
export function QuerySelect({
  id,
  name,
  label,
  defaultValue,
  options,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={fieldClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled input: a date, a search box. */
export function QueryInput({
  id,
  name,
  label,
  type,
  defaultValue,
  maxLength,
}: {
  id: string;
  name: string;
  label: string;
  type: "date" | "search";
  defaultValue?: string;
  maxLength?: number;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input id={id} type={type} name={name} defaultValue={defaultValue} maxLength={maxLength} className={fieldClass} />
    </div>
  );
}
