import "server-only";
import type { CsvValue } from "@/lib/csv";
import { groupPath, paperPath, postPath, proposalPath, threadPath } from "@/lib/paths";
import { db } from "@/server/db";

// What goes into a member's archive, read in batches. Only the member's own rows, and of other
// people nothing but what gives those rows their context: the title of the thread a post is in,
// the paper a vote was on, a notification's text as the member saw it. Never anyone's email,
// never the text or author of a post the member reported, never a password hash (the db client
// omits it, and nothing here asks for it).
//
// Long because it is the one list of the archive's sections (EXPORT_FILES at the end), each a short
// query with its JSON and CSV shapes side by side; read together, they show what leaves the site.

/** Where the last row of a batch was, in (createdAt, key[, key2]) order; the next batch starts after it. */
export type Cursor = { at: Date; key: string; key2?: string };

export type Section<Row> = {
  /** How many rows the member has, for the progress bar. */
  count: (userId: string) => Promise<number>;
  /** Up to `take` rows after `after`, oldest first. */
  batch: (userId: string, after: Cursor | undefined, take: number) => Promise<Row[]>;
  cursorOf: (row: Row) => Cursor;
  record: (row: Row) => Record<string, unknown>;
  csv?: { columns: readonly string[]; row: (row: Row) => CsvValue[] };
};

/** Erases the row type so that sections of different shapes sit in one list. */
const section = <Row>(s: Section<Row>) => s as unknown as Section<unknown>;

const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];
const afterId = (c?: Cursor) =>
  c ? { OR: [{ createdAt: { gt: c.at } }, { createdAt: c.at, id: { gt: c.key } }] } : {};

const groupOf = (g: { slug: string; name: string }) => ({ name: g.name, url: groupPath(g.slug) });

// ---------------------------------------------------------------------------------------------
// Profile: one record, read whole.
// ---------------------------------------------------------------------------------------------

export async function readProfile(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      handle: true,
      displayName: true,
      email: true,
      siteRole: true,
      createdAt: true,
      updatedAt: true,
      suspendedUntil: true,
      suspensionReason: true,
      // Every profile field, so that new ones (privacy choices) are exported without a change here.
      profile: { omit: { userId: true } },
      oauthAccounts: { orderBy: { createdAt: "asc" }, select: { provider: true, createdAt: true } },
      organisationRoles: {
        orderBy: { createdAt: "asc" },
        select: { role: true, createdAt: true, organisation: { select: { name: true, slug: true } } },
      },
      sessions: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: { createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, userAgent: true },
      },
    },
  });
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    email: user.email,
    siteRole: user.siteRole,
    joinedAt: user.createdAt,
    updatedAt: user.updatedAt,
    suspendedUntil: user.suspendedUntil,
    suspensionReason: user.suspensionReason,
    profile: user.profile,
    signInProviders: user.oauthAccounts.map((a) => ({ provider: a.provider, linkedAt: a.createdAt })),
    organisations: user.organisationRoles.map((o) => ({
      name: o.organisation.name,
      slug: o.organisation.slug,
      role: o.role,
      since: o.createdAt,
    })),
    sessions: user.sessions.map((s) => ({
      signedInAt: s.createdAt,
      lastActiveAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      endedAt: s.revokedAt,
      browser: s.userAgent,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows read in batches.
// ---------------------------------------------------------------------------------------------

const posts = section({
  count: (userId) => db.post.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.post.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        threadId: true,
        seq: true,
        parentId: true,
        bodyMarkdown: true,
        status: true,
        statusReason: true,
        replyCount: true,
        agreeCount: true,
        usefulCount: true,
        editedAt: true,
        createdAt: true,
        thread: { select: { title: true, group: { select: { slug: true, name: true } } } },
        revisions: { orderBy: { createdAt: "asc" }, select: { bodyMarkdown: true, createdAt: true } },
      },
    }),
  cursorOf: (p) => ({ at: p.createdAt, key: p.id }),
  record: (p) => ({
    id: p.id,
    url: postPath(p.threadId, p.id),
    thread: { id: p.threadId, title: p.thread.title, url: threadPath(p.threadId) },
    group: groupOf(p.thread.group),
    numberInThread: p.seq,
    inReplyToPostId: p.parentId,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    status: p.status,
    statusReason: p.statusReason,
    body: p.bodyMarkdown,
    earlierVersions: p.revisions.map((r) => ({ body: r.bodyMarkdown, savedAt: r.createdAt })),
    replies: p.replyCount,
    agree: p.agreeCount,
    useful: p.usefulCount,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "edited_at",
      "group",
      "thread_title",
      "thread_id",
      "in_reply_to_post_id",
      "status",
      "replies",
      "agree",
      "useful",
      "url",
      "body",
    ],
    row: (p) => [
      p.id,
      p.createdAt,
      p.editedAt,
      p.thread.group.name,
      p.thread.title,
      p.threadId,
      p.parentId,
      p.status,
      p.replyCount,
      p.agreeCount,
      p.usefulCount,
      postPath(p.threadId, p.id),
      p.bodyMarkdown,
    ],
  },
});

const threadsStarted = section({
  count: (userId) => db.thread.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.thread.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        title: true,
        subject: true,
        postCount: true,
        lockedAt: true,
        createdAt: true,
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (t) => ({ at: t.createdAt, key: t.id }),
  record: (t) => ({
    id: t.id,
    title: t.title,
    url: threadPath(t.id),
    group: groupOf(t.group),
    about: t.subject,
    posts: t.postCount,
    startedAt: t.createdAt,
    lockedAt: t.lockedAt,
  }),
});

const threadsFollowed = section({
  count: (userId) => db.threadFollow.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.threadFollow.findMany({
      where: {
        userId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, threadId: { gt: after.key } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { threadId: "asc" }],
      take,
      select: {
        threadId: true,
        createdAt: true,
        thread: { select: { title: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (f) => ({ at: f.createdAt, key: f.threadId }),
  record: (f) => ({
    threadId: f.threadId,
    title: f.thread.title,
    url: threadPath(f.threadId),
    group: groupOf(f.thread.group),
    followingSince: f.createdAt,
  }),
});

const REACTION_KINDS = ["AGREE", "USEFUL"] as const; // enum order = name order

const reactions = section({
  count: (userId) => db.reaction.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.reaction.findMany({
      where: {
        userId,
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.at } },
                { createdAt: after.at, postId: { gt: after.key } },
                {
                  createdAt: after.at,
                  postId: after.key,
                  kind: { in: REACTION_KINDS.filter((k) => k > (after.key2 ?? "")) },
                },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { postId: "asc" }, { kind: "asc" }],
      take,
      select: {
        postId: true,
        kind: true,
        createdAt: true,
        post: { select: { threadId: true, thread: { select: { title: true } } } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.postId, key2: r.kind }),
  record: (r) => ({
    postId: r.postId,
    url: postPath(r.post.threadId, r.postId),
    threadTitle: r.post.thread.title,
    reaction: r.kind,
    at: r.createdAt,
  }),
});

const proposals = section({
  count: (userId) => db.proposal.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.proposal.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        statusNote: true,
        rationale: true,
        version: true,
        baseRevisionNumber: true,
        position: true,
        baseHeading: true,
        proposedHeading: true,
        proposedText: true,
        proposedTitle: true,
        proposedQuestion: true,
        proposedSummary: true,
        supportCount: true,
        opposeCount: true,
        abstainCount: true,
        closesAt: true,
        closedAt: true,
        createdAt: true,
        updatedAt: true,
        paper: { select: { title: true, slug: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (p) => ({ at: p.createdAt, key: p.id }),
  record: (p) => ({
    id: p.id,
    url: proposalPath(p.id),
    number: p.number,
    paper: { title: p.paper.title, url: paperPath(p.paper.group.slug, p.paper.slug) },
    group: groupOf(p.paper.group),
    kind: p.kind,
    status: p.status,
    statusNote: p.statusNote,
    rationale: p.rationale,
    version: p.version,
    againstRevision: p.baseRevisionNumber,
    section: p.baseHeading,
    position: p.position,
    proposed: {
      heading: p.proposedHeading,
      text: p.proposedText,
      title: p.proposedTitle,
      question: p.proposedQuestion,
      summary: p.proposedSummary,
    },
    tally: { support: p.supportCount, oppose: p.opposeCount, abstain: p.abstainCount },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    votingClosesAt: p.closesAt,
    closedAt: p.closedAt,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "group",
      "paper_title",
      "number",
      "kind",
      "status",
      "support",
      "oppose",
      "abstain",
      "closes_at",
      "closed_at",
      "url",
      "rationale",
    ],
    row: (p) => [
      p.id,
      p.createdAt,
      p.paper.group.name,
      p.paper.title,
      p.number,
      p.kind,
      p.status,
      p.supportCount,
      p.opposeCount,
      p.abstainCount,
      p.closesAt,
      p.closedAt,
      proposalPath(p.id),
      p.rationale,
    ],
  },
});

const votes = section({
  count: (userId) => db.vote.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.vote.findMany({
      where: { userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        choice: true,
        reason: true,
        proposalVersion: true,
        perspective: true,
        createdAt: true,
        updatedAt: true,
        proposal: {
          select: {
            id: true,
            number: true,
            paper: { select: { title: true, group: { select: { slug: true, name: true } } } },
          },
        },
      },
    }),
  cursorOf: (v) => ({ at: v.createdAt, key: v.id }),
  record: (v) => ({
    id: v.id,
    proposal: {
      id: v.proposal.id,
      number: v.proposal.number,
      url: proposalPath(v.proposal.id),
      version: v.proposalVersion,
    },
    paperTitle: v.proposal.paper.title,
    group: groupOf(v.proposal.paper.group),
    choice: v.choice,
    reason: v.reason,
    yourPerspectiveWhenVoting: v.perspective,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "updated_at",
      "group",
      "paper_title",
      "proposal_number",
      "proposal_version",
      "choice",
      "perspective",
      "url",
      "reason",
    ],
    row: (v) => [
      v.id,
      v.createdAt,
      v.updatedAt,
      v.proposal.paper.group.name,
      v.proposal.paper.title,
      v.proposal.number,
      v.proposalVersion,
      v.choice,
      v.perspective,
      proposalPath(v.proposal.id),
      v.reason,
    ],
  },
});

const reports = section({
  count: (userId) => db.report.count({ where: { reporterId: userId } }),
  batch: (userId, after, take) =>
    db.report.findMany({
      where: { reporterId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      // The reported post's text and author belong to someone else: only where it is.
      select: {
        id: true,
        reason: true,
        status: true,
        resolution: true,
        resolvedAt: true,
        createdAt: true,
        postId: true,
        post: { select: { threadId: true, thread: { select: { title: true } } } },
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.id }),
  record: (r) => ({
    id: r.id,
    post: { id: r.postId, url: postPath(r.post.threadId, r.postId), threadTitle: r.post.thread.title },
    group: groupOf(r.group),
    reason: r.reason,
    status: r.status,
    resolution: r.resolution,
    resolvedAt: r.resolvedAt,
    createdAt: r.createdAt,
  }),
  csv: {
    columns: ["id", "created_at", "group", "thread_title", "post_url", "status", "resolved_at", "resolution", "reason"],
    row: (r) => [
      r.id,
      r.createdAt,
      r.group.name,
      r.post.thread.title,
      postPath(r.post.threadId, r.postId),
      r.status,
      r.resolvedAt,
      r.resolution,
      r.reason,
    ],
  },
});

const notifications = section({
  count: (userId) => db.notification.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.notification.findMany({
      where: { userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: { id: true, kind: true, text: true, url: true, readAt: true, emailedAt: true, createdAt: true },
    }),
  cursorOf: (n) => ({ at: n.createdAt, key: n.id }),
  record: (n) => ({
    id: n.id,
    kind: n.kind,
    text: n.text,
    url: n.url,
    createdAt: n.createdAt,
    readAt: n.readAt,
    emailedAt: n.emailedAt,
  }),
  csv: {
    columns: ["id", "created_at", "kind", "text", "url", "read_at", "emailed_at"],
    row: (n) => [n.id, n.createdAt, n.kind, n.text, n.url, n.readAt, n.emailedAt],
  },
});

const memberships = section({
  count: (userId) => db.membership.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.membership.findMany({
      where: {
        userId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, groupId: { gt: after.key } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { groupId: "asc" }],
      take,
      select: {
        groupId: true,
        role: true,
        status: true,
        requestNote: true,
        suspendedUntil: true,
        suspensionReason: true,
        createdAt: true,
        joinedAt: true,
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (m) => ({ at: m.createdAt, key: m.groupId }),
  record: (m) => ({
    group: groupOf(m.group),
    role: m.role,
    status: m.status,
    requestNote: m.requestNote,
    askedAt: m.createdAt,
    joinedAt: m.joinedAt,
    suspendedUntil: m.suspendedUntil,
    suspensionReason: m.suspensionReason,
  }),
});

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
