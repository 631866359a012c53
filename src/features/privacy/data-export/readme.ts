import type { ExportFile } from "./sections";

/** Days a prepared archive (or a failed attempt) stays before the expiry task deletes it. */
export const ARCHIVE_DAYS = 7;

/** README.txt: what each file in the archive is, in plain words. Pure. */
export function readme({
  handle,
  preparedAt,
  counts,
}: {
  handle: string;
  preparedAt: Date;
  counts: { file: ExportFile; counts: number[] }[];
}) {
  const lines = [
    "Policy Commons: your data",
    "=========================",
    "",
    `Prepared for @${handle} on ${preparedAt.toISOString()}.`,
    "",
    "This archive holds what Policy Commons stores about you and what you wrote. It contains",
    "nothing private about anyone else: where your data points at other people's work, only",
    "the title of the thread, paper or group is given, and never anyone's email address.",
    "",
    "JSON files (UTF-8) hold everything; the CSV files hold the same rows as tables for a",
    "spreadsheet (UTF-8, comma-separated). In the CSV files, a cell that begins with = + - or @",
    "starts with an apostrophe (') so that spreadsheets do not run it as a formula.",
    "Times are in UTC (ISO 8601). Addresses (url) are paths on the Policy Commons site.",
    "",
    "Files",
    "-----",
    "README.txt           this file",
    "profile.json         your account and profile: display name, username, email, perspective,",
    "                     field, organisation, bio, privacy choices, sign-in providers,",
    "                     organisations you act for, and the browsers you signed in with",
  ];
  for (const { file, counts: n } of counts) {
    const rows = file.parts.map((p, i) => (p.key ? `${n[i]} ${p.key}` : `${n[i]}`)).join(", ");
    lines.push(`${file.json.padEnd(21)}${file.describe} (${rows})`);
    if (file.csv) lines.push(`${file.csv.padEnd(21)}the same as a table`);
  }
  lines.push(
    "",
    "Not included: your password (only a one-way hash of it is stored, and it is never",
    "exported), and other people's posts, votes and profiles.",
    "",
    `Download this archive within ${ARCHIVE_DAYS} days: after that it is deleted from the site.`,
    "You can ask for a new one at any time from Settings, Your data.",
    "",
  );
  return lines.join("\r\n");
}
