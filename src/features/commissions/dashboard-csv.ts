// The commission dashboard as one CSV: a row per group per week, each carrying that group's
// summary columns, so a spreadsheet can pivot by week or by group without joining two files.
// Cells go through the data export's writer, which quotes and defuses formula-like text.
import { type CsvValue, csvRow } from "@/lib/csv";
import { PERSPECTIVES } from "@/lib/perspectives";
import { slugify } from "@/lib/slug";
import type { CommissionDashboard } from "./queries/dashboard";
import { POSTING_LABELS } from "./timeline";

const ACTIVITY_COLUMNS = [
  ["discussed", "commenters"],
  ["proposed", "proposers"],
  ["voted", "voters"],
] as const;

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export const DASHBOARD_CSV_HEADER = [
  "week_start",
  "group",
  "group_slug",
  "paper",
  "status",
  "decided_on",
  "latest_version",
  "latest_published_on",
  "proposals_open",
  "proposals_passed",
  "proposals_failed",
  "proposals_other",
  ...ACTIVITY_COLUMNS.flatMap(([, name]) => PERSPECTIVES.map((p) => `${name}_${p.toLowerCase()}`)),
  "comments_in_week",
  "proposals_in_week",
  "votes_in_week",
];

/** The whole file, header first, CRLF line ends. */
export function dashboardCsv(dashboard: CommissionDashboard): string {
  const lines = [csvRow(DASHBOARD_CSV_HEADER)];
  for (const p of dashboard.postings) {
    const summary: CsvValue[] = [
      p.group.name,
      p.group.slug,
      p.paper.title,
      POSTING_LABELS[p.state],
      day(p.decidedAt),
      p.latestVersion?.version ?? null,
      day(p.latestVersion?.publishedAt),
      p.proposals.open,
      p.proposals.passed,
      p.proposals.failed,
      p.proposals.other,
      ...ACTIVITY_COLUMNS.flatMap(([key]) => PERSPECTIVES.map((perspective) => p.participation[key][perspective])),
    ];
    for (const week of p.activity)
      lines.push(csvRow([day(week.weekStart), ...summary, week.posts, week.proposals, week.votes]));
  }
  // A byte-order mark, so Excel reads the file as UTF-8 (names with accents, curly quotes).
  return `\uFEFF${lines.join("")}`;
}

/** commission-<title>-<yyyy-mm-dd>.csv: readable, ASCII, and safe inside a quoted header value. */
export function dashboardCsvFilename(dashboard: CommissionDashboard): string {
  const name = slugify(dashboard.commission.title, 60) || "dashboard";
  return `commission-${name}-${day(dashboard.now)}.csv`;
}
