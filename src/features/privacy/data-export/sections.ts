import "server-only";
import type { Section, UserLink } from "./section";
import { emailsSent, memberships, notifications, reports } from "./sections/account";
import { papersFollowed, proposals, votes } from "./sections/decisions";
import {
  posts,
  reactions,
  threadsFollowed,
  threadsRead,
  threadsStarted,
  threadTitlesChanged,
} from "./sections/discussions";
import { moderationAboutYou, moderationTaken, reportsResolved } from "./sections/moderation";
import {
  commissionsCreated,
  groupInvitations,
  groupsStarted,
  organisationInvitations,
  organisationsRegistered,
  responsesSigned,
} from "./sections/organising";
import { papersStarted, revisionsMade } from "./sections/papers";

export type { Cursor, Section, UserLink } from "./section";
export { PROFILE_COVERS, readProfile } from "./sections/account";

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
      { key: "read", section: threadsRead },
      { key: "titlesYouChanged", section: threadTitlesChanged },
    ],
    describe: "discussions you started, ones you follow, how far you have read each, titles you changed",
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
    parts: [
      { key: "started", section: papersStarted },
      { key: "following", section: papersFollowed },
    ],
    describe: "papers you started, with their first drafts, and papers you follow (or stopped following)",
  },
  {
    json: "revisions.json",
    csv: "revisions.csv",
    parts: [{ section: revisionsMade }],
    describe: "changes to papers made in your name: first drafts, merged proposals, editorial fixes",
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
  {
    json: "groups.json",
    parts: [
      { key: "started", section: groupsStarted },
      { key: "invitationLinks", section: groupInvitations },
    ],
    describe: "groups you started, and invitation links you made or stopped",
  },
  {
    json: "organisations.json",
    parts: [
      { key: "registered", section: organisationsRegistered },
      { key: "invitations", section: organisationInvitations },
      { key: "commissions", section: commissionsCreated },
      { key: "responsesSigned", section: responsesSigned },
    ],
    describe: "organisations you registered, invitations to act for one, commissions and responses",
  },
  {
    json: "moderation.json",
    parts: [
      { key: "yourActions", section: moderationTaken },
      { key: "aboutYou", section: moderationAboutYou },
      { key: "reportsYouResolved", section: reportsResolved },
    ],
    describe: "moderation you did, moderation about you or your posts, reports you resolved",
  },
  {
    json: "emails.json",
    parts: [{ section: emailsSent }],
    describe: "email the site sent you that it still keeps (account emails without their links)",
  },
];

/**
 * Links to a member that the archive leaves out on purpose, each with the reason. Every other
 * relation to User in the schema must be covered by a section or by the profile: a test walks
 * the schema and fails on one that is neither, so a new model cannot be forgotten here.
 */
export const NOT_IN_ARCHIVE: Record<UserLink, string> = {
  "AccountToken.user": "single-use links, stored only as hashes; they hold nothing of the member's",
  "DataExport.user": "the archives themselves",
  "VoteNotice.user": "which vote reminders were sent; the reminders are in notifications.json",
  "Notification.actor": "another member's notification; what the member did is exported where they did it",
  "Membership.approvedBy":
    "another member's membership; approving a request one by one is also a moderation action, in moderation.json",
  "Organisation.verifiedBy": "verifying an organisation is a moderation action, in moderation.json",
};
