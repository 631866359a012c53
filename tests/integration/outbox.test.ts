import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_ATTEMPTS } from "@/server/email/retry-policy";
import { SMTP_USER, startSmtpServer, type TestSmtpServer } from "./helpers/smtp";

// The outbox delivered through a real SMTP server (smtp-server, read back with mailparser): both
// parts and the headers arrive; a server that refuses for a while gets every message once; a 5xx
// is recorded once and not retried; two workers over one outbox send nothing twice; and who gets
// notification mail is decided when it is sent.

let refuseWith: number | null = null;
let smtp: TestSmtpServer;
let db: typeof import("@/server/db").db;
let outbox: typeof import("@/server/email/outbox");
let deliver: typeof import("@/server/email/deliver");
let factories: typeof import("./helpers/factories");

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: () => refuseWith });
  // env() reads the environment once, on first use: set it before anything of ours loads.
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("SMTP_FROM", "Policy Commons <no-reply@policy.test>");
  ({ db } = await import("@/server/db"));
  outbox = await import("@/server/email/outbox");
  deliver = await import("@/server/email/deliver");
  factories = await import("./helpers/factories");
  await (await import("./helpers/reset-db")).resetDatabase();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp?.close();
});

beforeEach(async () => {
  refuseWith = null;
  smtp.received.length = 0;
  await db.outboxEmail.deleteMany({});
});

const minutes = (n: number) => n * 60_000;

async function queue(messages: Partial<import("@/server/email/outbox").OutgoingEmail>[]) {
  await db.$transaction((tx) =>
    outbox.queueEmails(
      tx,
      messages.map((m, i) => ({
        userId: null,
        to: `reader${i}@example.org`,
        category: "ACCOUNT" as const,
        subject: `Message ${i}`,
        text: `Hello.\n\nRead it here: http://localhost:3000/threads/${i}?a=1&b=2\n\nThanks.`,
        ...m,
      })),
    ),
  );
}

describe("the email outbox", () => {
  it("delivers a message with a plain-text and an HTML part, its Message-ID and a one-line subject", async () => {
    await queue([
      {
        to: "amara@example.org",
        subject: "Ben replied\nBcc: evil@example.org  to «you»",
        headers: {
          "List-Unsubscribe": "<http://localhost:3000/api/unsubscribe?token=t>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      },
    ]);
    expect(await deliver.deliverDueEmails()).toEqual({ sent: 1, skipped: 0, retry: 0, failed: 0 });
    const [got] = await smtp.waitFor(1);
    const row = await db.outboxEmail.findFirstOrThrow();
    expect(got!.user).toBe(SMTP_USER);
    expect(got!.envelope).toEqual({ from: "no-reply@policy.test", to: ["amara@example.org"] });
    expect(got!.mail.subject).toBe("Ben replied Bcc: evil@example.org to «you»");
    expect(got!.mail.bcc).toBeUndefined();
    // As sent (mailparser folds List-* headers into one parsed "list" entry).
    const raw = got!.mail.headerLines.map((h) => h.line);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw).toContain("List-Unsubscribe: <http://localhost:3000/api/unsubscribe?token=t>");
    expect(got!.mail.messageId).toBe(row.messageId);
    expect(row.messageId).toMatch(/^<[0-9a-f-]{36}@policy\.test>$/);
    expect(got!.mail.text).toContain("http://localhost:3000/threads/0?a=1&b=2");
    expect(got!.mail.html).toContain('<a href="http://localhost:3000/threads/0?a=1&amp;b=2">');
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lockedUntil: null });
  });

  it("retries a temporary refusal with backoff, and every message arrives exactly once when the server recovers", async () => {
    await queue([{}, {}, {}]);
    const start = Date.now();
    refuseWith = 451;
    expect(await deliver.deliverDueEmails(() => new Date(start))).toMatchObject({ retry: 3, sent: 0 });
    // Not due again before the backoff: a sweep a moment later sends nothing.
    expect(await deliver.deliverDueEmails(() => new Date(start + 1000))).toMatchObject({ retry: 0, sent: 0 });
    expect(await deliver.deliverDueEmails(() => new Date(start + minutes(1.5)))).toMatchObject({ retry: 3 });
    refuseWith = null;
    expect(await deliver.deliverDueEmails(() => new Date(start + minutes(4)))).toMatchObject({ sent: 3 });
    await smtp.waitFor(3);
    expect(smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual([
      "reader0@example.org",
      "reader1@example.org",
      "reader2@example.org",
    ]);
    const rows = await db.outboxEmail.findMany({ select: { status: true, attempts: true, lastError: true } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 3 && r.lastError === null)).toBe(true);
  });

  it("retries when the mail server cannot be reached at all, and delivers once it is back", async () => {
    await queue([{}]);
    const port = smtp.port;
    await smtp.close();
    const start = Date.now();
    try {
      expect(await deliver.deliverDueEmails(() => new Date(start))).toMatchObject({ retry: 1 });
      const row = await db.outboxEmail.findFirstOrThrow();
      expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      smtp = await startSmtpServer({ refuse: () => refuseWith, port });
    }
    expect(await deliver.deliverDueEmails(() => new Date(start + minutes(2)))).toMatchObject({ sent: 1 });
    await smtp.waitFor(1);
  });

  it("records a permanent refusal (5xx) once and never tries it again", async () => {
    await queue([{}]);
    refuseWith = 554;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await deliver.deliverDueEmails()).toMatchObject({ failed: 1 });
      expect(await deliver.deliverDueEmails(() => new Date(Date.now() + minutes(600)))).toMatchObject({ failed: 0 });
    } finally {
      logged.mockRestore();
    }
    const row = await db.outboxEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toMatch(/554/);
    expect(smtp.received).toEqual([]);
  });

  it("gives a message that keeps failing up after the last attempt", async () => {
    await queue([{}]);
    await db.outboxEmail.updateMany({ data: { attempts: MAX_ATTEMPTS - 1 } });
    refuseWith = 421;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await deliver.deliverDueEmails()).toMatchObject({ failed: 1 });
    } finally {
      logged.mockRestore();
    }
    expect(await db.outboxEmail.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
  });

  it("sends each message once when two workers sweep the same outbox at the same time", async () => {
    await queue(Array.from({ length: 45 }, () => ({})));
    const [a, b, c] = await Promise.all([
      deliver.deliverDueEmails(),
      deliver.deliverDueEmails(),
      deliver.deliverDueEmails(),
    ]);
    expect(a!.sent + b!.sent + c!.sent).toBe(45);
    await smtp.waitFor(45);
    await new Promise((r) => setTimeout(r, 200));
    const ids = smtp.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
  });

  it("takes back a message whose worker died mid-send once its lease runs out, and no sooner", async () => {
    await queue([{}]);
    await db.outboxEmail.updateMany({
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() + minutes(5)) },
    });
    expect(await deliver.deliverDueEmails()).toMatchObject({ sent: 0 });
    expect(await deliver.deliverDueEmails(() => new Date(Date.now() + minutes(6)))).toMatchObject({ sent: 1 });
    await smtp.waitFor(1);
  });

  it("decides at send time: deleted and suspended accounts, and members who turned email off, get no notices", async () => {
    const keen = await factories.makeUser();
    const quiet = await factories.makeUser();
    const suspended = await factories.makeUser();
    const gone = await factories.makeUser();
    await queue(
      [keen, quiet, suspended, gone].map((u) => ({
        userId: u.id,
        to: u.email,
        category: "NOTIFICATION" as const,
        topic: "REPLIES" as const,
      })),
    );
    // Account mail (a reset link) still reaches a suspended account.
    await queue([{ userId: suspended.id, to: suspended.email, category: "ACCOUNT" as const, subject: "Reset" }]);
    await db.profile.update({ where: { userId: quiet.id }, data: { emailReplies: "DAILY" } });
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date(Date.now() + minutes(60)) } });
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date(), email: null } });
    // Notices go to the address the account has when they are sent.
    await db.user.update({ where: { id: keen.id }, data: { email: `new_${keen.email}` } });

    expect(await deliver.deliverDueEmails()).toMatchObject({ sent: 2, skipped: 3 });
    await smtp.waitFor(2);
    expect(smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual([`new_${keen.email}`, suspended.email].sort());
    const skipped = await db.outboxEmail.findMany({ where: { status: "SKIPPED" }, select: { lastError: true } });
    expect(skipped.map((s) => s.lastError).sort()).toEqual([
      "the account is suspended",
      "the account was deleted",
      "the member gets these in a digest, or not at all",
    ]);
  });

  it("queues nothing when the transaction that wrote it rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await outbox.queueEmail(tx, {
          userId: null,
          to: "x@example.org",
          category: "ACCOUNT",
          subject: "s",
          text: "t",
        });
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await db.outboxEmail.count()).toBe(0);
  });
});
