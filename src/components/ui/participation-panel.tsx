import { PERSPECTIVE_LABELS, PERSPECTIVES, type PerspectiveValue } from "@/lib/perspectives";

/** How many people of each perspective proposed, discussed and voted (a publication's, or a commission's across groups). */
export type Participation = Record<"proposed" | "discussed" | "voted", Record<PerspectiveValue, number>>;

const ACTIVITIES = [
  ["proposed", "Proposed changes"],
  ["discussed", "Discussed"],
  ["voted", "Voted"],
] as const;

// Each perspective has its own pattern as well as its own colour, and every bar is labelled with
// its number, so colour is never the only way to tell them apart.
const BAR: Record<(typeof PERSPECTIVES)[number], string> = {
  PRACTITIONER: "bg-sky-700",
  SERVICE_USER: "bg-amber-600 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgba(255,255,255,.45)_4px_7px)]",
  BOTH: "bg-violet-700 bg-[radial-gradient(rgba(255,255,255,.55)_1.5px,transparent_1.6px)] bg-[length:7px_7px]",
  OTHER: "bg-slate-500 bg-[repeating-linear-gradient(90deg,transparent_0_5px,rgba(255,255,255,.5)_5px_7px)]",
};

/**
 * Who took part, by perspective: bars for sighted readers (hidden from screen readers) and the
 * same numbers as a table, which is what assistive technology reads.
 */
export function ParticipationPanel({
  participation,
  title = "Who took part",
  intro = "How many practitioners, service users, people who are both, and others proposed changes, discussed and voted on this paper up to this version.",
  headingId = "participation-heading",
}: {
  participation: Participation;
  title?: string;
  intro?: string;
  headingId?: string;
}) {
  const max = Math.max(1, ...ACTIVITIES.flatMap(([key]) => PERSPECTIVES.map((p) => participation[key][p])));
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-line bg-white p-4">
      <h2 id={headingId} className="text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-muted">{intro}</p>
      <div aria-hidden="true" className="mt-4 space-y-4">
        {ACTIVITIES.map(([key, label]) => (
          <div key={key}>
            <p className="text-sm font-semibold">{label}</p>
            <div className="mt-1 space-y-1">
              {PERSPECTIVES.map((p) => {
                const n = participation[key][p];
                return (
                  <div
                    key={p}
                    className="grid grid-cols-[8.5rem_minmax(0,1fr)] items-center gap-2 text-xs sm:grid-cols-[12rem_minmax(0,1fr)]"
                  >
                    <span className="leading-tight">{PERSPECTIVE_LABELS[p]}</span>
                    <span className="flex items-center gap-2">
                      <span
                        className={`block h-3.5 rounded-sm ${BAR[p]}`}
                        style={{ width: `${(n / max) * 80}%`, minWidth: n > 0 ? "0.25rem" : 0 }}
                      />
                      <span className="tabular-nums">{n}</span>
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      {/* A table cannot shrink to sr-only's 1px, so a div hides it. */}
      <div className="sr-only">
        <table>
          <caption>People who took part, by perspective</caption>
          <thead>
            <tr>
              <th scope="col">Perspective</th>
              {ACTIVITIES.map(([key, label]) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERSPECTIVES.map((p) => (
              <tr key={p}>
                <th scope="row">{PERSPECTIVE_LABELS[p]}</th>
                {ACTIVITIES.map(([key]) => (
                  <td key={key}>{participation[key][p]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
