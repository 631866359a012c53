import "server-only";
import type { Section } from "./section";
import { memberships, notifications, reports } from "./sections/account";
import { papersFollowed, proposals, votes } from "./sections/decisions";
import { posts, reactions, threadsFollowed, threadsStarted } from "./sections/discussions";

export type { Cursor, Section } from "./section";
export { readProfile } from "./sections/account";

// What goes into a member's archive, read in batches. Only the member's own rows, and of other
// people nothing but what gives those rows their context: the title of the thread a post is in,
// the paper a vote was on, a notification's text as the member saw it. Never anyone's email,
// never the text or author of a post the member reported, never a password hash (the db client
// omits it, and nothing here asks for it).

/** A JSON file (with a CSV twin when `csv` is set) and the sections that fill it, in order. */
export type ExportFile = {
  json: string;
  csv?: string;
  /** One section: the JSON file is a list. Several: an object with one list per key. */
  parts: { key?: string; section: Section<unknown> }[];
  describe: string;
};

export const EXPORT_FILES: ExportFile[] = [
  {
    json: "posts.json",
    csv: "posts.csv",
    parts: [{ section: posts }],
    describe: "every post you wrote: text (Markdown), earlier versions, status",
  },
  {
    json: "threads.json",
    parts: [
      { key: "started", section: threadsStarted },
      { key: "following", section: threadsFollowed },
    ],
    describe: "discussions you started, and discussions you follow",
  },
  { json: "reactions.json", parts: [{ section: reactions }], describe: "posts you marked Agree or Useful" },
  {
    json: "proposals.json",
    csv: "proposals.csv",
    parts: [{ section: proposals }],
    describe: "changes you proposed to papers, with rationale and tally",
  },
  {
    json: "papers.json",
    parts: [{ key: "following", section: papersFollowed }],
    describe: "papers you follow (and ones you stopped following), whose proposals you hear of",
  },
  {
    json: "votes.json",
    csv: "votes.csv",
    parts: [{ section: votes }],
    describe: "your votes on proposals, with your reasons",
  },
  {
    json: "reports.json",
    csv: "reports.csv",
    parts: [{ section: reports }],
    describe: "posts you reported, and what became of each report",
  },
  {
    json: "notifications.json",
    csv: "notifications.csv",
    parts: [{ section: notifications }],
    describe: "the notifications you received",
  },
  {
    json: "memberships.json",
    parts: [{ section: memberships }],
    describe: "groups you belong to or asked to join, your role in each",
  },
];
