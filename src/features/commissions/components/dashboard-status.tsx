import Link from "next/link";
import { commissionPath, organisationPath } from "@/lib/paths";
import type { TimelineStage } from "../dashboard-weeks";
import type { CommissionDashboard } from "../queries/dashboard";
import { CommissionTimeline } from "./commission-timeline";

const STAGE_TEXT: Record<TimelineStage, string> = {
  BEFORE_OPEN: "Today is before contributions open.",
  CONTRIBUTIONS: "Today falls in the contributions stage, before drafting starts.",
  DRAFTING: "Today falls in the drafting stage, before the deadline.",
  PAST_DEADLINE: "Today is after the publication deadline.",
};

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/**
 * The commission's title, its phase and dates (the commission page's timeline), and a bar with
 * today's place between contributions opening and the deadline. The bar repeats the sentence
 * above it, so it is hidden from screen readers.
 */
export function DashboardStatus({ commission: c, now }: { commission: CommissionDashboard["commission"]; now: Date }) {
  return (
    <header className="mb-8">
      <Link href={commissionPath(c.id)} className="text-sm font-medium text-accent underline">
        ← The commission’s brief
      </Link>
      <h1 className="mt-2 text-2xl font-bold tracking-tight break-words sm:text-3xl">Dashboard: {c.title}</h1>
      <p className="mt-1 max-w-prose text-muted">
        Commissioned by{" "}
        <Link href={organisationPath(c.organisation.slug)} className="text-accent underline">
          {c.organisation.name}
        </Link>
        . Only the organisation’s admins and the site’s admins can see this page.
      </p>
      <div className="mt-4">
        <CommissionTimeline timeline={c} phase={c.phase} now={now} />
      </div>
      <div className="mt-3 rounded-lg border border-line bg-white p-4">
        <p className="text-sm">{STAGE_TEXT[c.position.stage]}</p>
        <div aria-hidden="true" className="mt-7 mb-1">
          <div className="relative h-4 rounded-sm border border-ink/40 bg-accent-soft">
            <div
              className="absolute inset-y-0 right-0 bg-accent/40 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgba(255,255,255,.7)_4px_7px)]"
              style={{ left: pct(c.position.drafting) }}
            />
            <div
              className="absolute -top-6 -bottom-1 w-0.5 bg-ink"
              style={{ left: `calc(${pct(c.position.today)} - 1px)` }}
            >
              <span
                className={`absolute top-0 text-xs font-semibold whitespace-nowrap ${c.position.today > 0.75 ? "right-1.5" : "left-1.5"}`}
              >
                Today
              </span>
            </div>
          </div>
          <div className="mt-1 flex justify-between gap-2 text-xs text-muted">
            <span>Contributions open</span>
            <span className="text-center">Drafting (striped)</span>
            <span className="text-right">Deadline</span>
          </div>
        </div>
      </div>
    </header>
  );
}
