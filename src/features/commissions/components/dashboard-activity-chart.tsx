import { formatDate } from "@/lib/dates";
import { labelledIndexes, yScale } from "../dashboard-chart";
import type { WeekActivity } from "../queries/dashboard";

// Drawn in a 340×210 box that scales to the width it is given: about 1:1 on a phone (so the
// labels stay readable there), larger on a desktop up to the wrapper's max width, never wider
// than the screen.
const W = 340;
const H = 210;
const M = { left: 34, right: 6, top: 10, bottom: 40 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

// Each series has a pattern as well as a colour, and the legend names them, so colour is never
// the only way to tell them apart.
const SERIES = [
  { key: "posts", label: "Comments", fill: "#0f5e5a", swatch: "#0f5e5a" },
  { key: "proposals", label: "Proposals", fill: "url(#activity-stripes)", swatch: "url(#activity-stripes)" },
  { key: "votes", label: "Votes", fill: "url(#activity-dots)", swatch: "url(#activity-dots)" },
] as const;

const total = (w: WeekActivity) => w.posts + w.proposals + w.votes;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function shortDate(date: Date, withYear: boolean) {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: withYear ? "2-digit" : undefined,
    timeZone: "UTC",
  }).format(date);
}

function describeActivity(weeks: WeekActivity[]) {
  const sums = { posts: 0, proposals: 0, votes: 0 };
  for (const w of weeks) for (const s of SERIES) sums[s.key] += w[s.key];
  const range = `the ${plural(weeks.length, "week", "weeks")} from ${formatDate(weeks[0].weekStart)} to ${formatDate(weeks[weeks.length - 1].weekStart)}`;
  if (sums.posts + sums.proposals + sums.votes === 0) return `No comments, proposals or votes in ${range}.`;
  const busiest = weeks.reduce((best, w) => (total(w) > total(best) ? w : best));
  return (
    `${plural(sums.posts, "comment", "comments")}, ${plural(sums.proposals, "proposal", "proposals")} and ${plural(sums.votes, "vote", "votes")} in ${range}. ` +
    `The busiest was the week starting ${formatDate(busiest.weekStart)}, with ${plural(total(busiest), "action", "actions")}.`
  );
}

/** Weekly activity as stacked bars in server-rendered SVG, with the same numbers as a table. */
export function DashboardActivityChart({ weeks }: { weeks: WeekActivity[] }) {
  const { max, ticks } = yScale(Math.max(0, ...weeks.map(total)));
  const band = PLOT_W / weeks.length;
  const barWidth = Math.max(1, band * 0.72);
  const y = (value: number) => M.top + PLOT_H - (value / max) * PLOT_H;
  const withYear = weeks[0].weekStart.getUTCFullYear() !== weeks[weeks.length - 1].weekStart.getUTCFullYear();
  const description = describeActivity(weeks);
  return (
    <section aria-labelledby="activity-heading" className="mt-10">
      <h2 id="activity-heading" className="text-xl font-semibold">
        Activity over time
      </h2>
      <p className="mt-1 text-sm text-muted">
        Comments, proposals and votes on all the commission’s papers, per week (weeks start on Monday, UTC).
      </p>
      <div className="mt-4 max-w-xl rounded-lg border border-line bg-white p-3 sm:p-4">
        <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SERIES.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <svg width="14" height="14" aria-hidden="true" className="shrink-0">
                <rect width="14" height="14" fill={s.swatch} stroke="#1c2430" strokeWidth="0.5" />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby="activity-title"
          aria-describedby="activity-desc"
          className="block h-auto w-full"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id="activity-title">Weekly activity on the commission’s papers</title>
          <desc id="activity-desc">{description}</desc>
          <defs>
            <pattern
              id="activity-stripes"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#b45309" />
              <rect width="2.5" height="6" fill="rgba(255,255,255,.55)" />
            </pattern>
            <pattern id="activity-dots" width="5" height="5" patternUnits="userSpaceOnUse">
              <rect width="5" height="5" fill="#6d28d9" />
              <circle cx="2.5" cy="2.5" r="1.1" fill="rgba(255,255,255,.65)" />
            </pattern>
          </defs>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#d6dbe3" strokeWidth="1" />
              <text x={M.left - 4} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#4a5565">
                {t}
              </text>
            </g>
          ))}
          <text
            x={10}
            y={M.top + PLOT_H / 2}
            textAnchor="middle"
            fontSize="12"
            fill="#4a5565"
            transform={`rotate(-90 10 ${M.top + PLOT_H / 2})`}
          >
            Actions
          </text>
          {weeks.map((w, i) => {
            const x = M.left + i * band + (band - barWidth) / 2;
            let base = 0;
            return (
              <g key={w.weekStart.toISOString()}>
                <title>{`Week starting ${formatDate(w.weekStart)}: ${plural(w.posts, "comment", "comments")}, ${plural(w.proposals, "proposal", "proposals")}, ${plural(w.votes, "vote", "votes")}`}</title>
                {SERIES.map((s) => {
                  const value = w[s.key];
                  if (value === 0) return null;
                  const top = y(base + value);
                  const height = y(base) - top;
                  base += value;
                  return <rect key={s.key} x={x} y={top} width={barWidth} height={height} fill={s.fill} />;
                })}
              </g>
            );
          })}
          <line x1={M.left} x2={W - M.right} y1={M.top + PLOT_H} y2={M.top + PLOT_H} stroke="#1c2430" strokeWidth="1" />
          {labelledIndexes(weeks.length, 3).map((i) => {
            const anchor =
              weeks.length === 1 ? "middle" : i === 0 ? "start" : i === weeks.length - 1 ? "end" : "middle";
            const x =
              anchor === "start"
                ? M.left + i * band
                : anchor === "end"
                  ? M.left + (i + 1) * band
                  : M.left + (i + 0.5) * band;
            return (
              <text key={i} x={x} y={M.top + PLOT_H + 15} textAnchor={anchor} fontSize="12" fill="#4a5565">
                {shortDate(weeks[i].weekStart, withYear)}
              </text>
            );
          })}
          <text x={M.left + PLOT_W / 2} y={H - 6} textAnchor="middle" fontSize="12" fill="#4a5565">
            Week starting
          </text>
        </svg>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-accent underline">The numbers as a table</summary>
          <table className="mt-2 w-full border-collapse text-xs sm:text-sm">
            <caption className="sr-only">Comments, proposals and votes per week</caption>
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-1 pr-2">
                  Week starting
                </th>
                {SERIES.map((s) => (
                  <th key={s.key} scope="col" className="px-1 py-1 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.weekStart.toISOString()} className="border-b border-line/60">
                  <th scope="row" className="py-1 pr-2 text-left font-normal">
                    {formatDate(w.weekStart)}
                  </th>
                  {SERIES.map((s) => (
                    <td key={s.key} className="px-1 py-1 text-right tabular-nums">
                      {w[s.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>
    </section>
  );
}
