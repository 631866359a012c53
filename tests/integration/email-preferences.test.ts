import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as oneClick } from "@/app/api/unsubscribe/route";
import { sendDigests } from "@/features/notifications/digest";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import {
  applyUnsubscribe,
  describeUnsubscribe,
  getEmailPreferences,
  updateEmailPreferences,
} from "@/features/notifications/preferences";
import { unsubscribeToken } from "@/features/notifications/unsubscribe-token";
import { db } from "@/server/db";
import { deliverDueEmails } from "@/server/email/deliver";
import { appError } from "./helpers/app-error";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

// Per-kind email choices (immediately, daily, weekly, off), digests grouped by group, and
// unsubscribing from an email's link, also with RFC 8058's one-click POST.

const HOUR = 3_600_000;

async function tell(list: NewNotification[]) {
  await db.$transaction((tx) => notify(tx, list));
}

async function world() {
  const reader = await makeUser({ displayName: "Reader" });
  const other = await makeUser();
  const housing = await makeGroup(other, { name: "Housing" });
  const health = await makeGroup(other, { name: "Health" });
  const a = await makeThread(housing, other, { title: "Rent arrears" });
  const b = await makeThread(health, other, { title: "Waiting lists" });
  return { reader, other, threads: [a, b] as const };
}

const posted = (
  userId: string,
  thread: { id: string },
  text: string,
  kind: NewNotification["kind"] = "FOLLOWED_THREAD",
) => ({
  userId,
  kind,
  text,
  url: `/threads/${thread.id}`,
  threadId: thread.id,
});

describe("email preferences", () => {
  beforeEach(resetDatabase);

  it("start as mentions and replies at once, everything else in a daily digest", async () => {
    const user = await makeUser();
    expect(await getEmailPreferences(actorOf(user))).toEqual({
      REPLIES: "IMMEDIATELY",
      THREADS: "DAILY",
      PAPERS: "DAILY",
      GROUPS: "DAILY",
      COMMISSIONS: "DAILY",
    });
  });

  it("queue an email at once only for kinds chosen 'immediately', with one-click unsubscribe headers", async () => {
    const { reader, threads } = await world();
    await tell([posted(reader.id, threads[0], "Ben replied to you in Rent arrears", "REPLY")]);
    await tell([posted(reader.id, threads[0], "New post in Rent arrears")]);
    const mail = await db.outboxEmail.findMany({ select: { topic: true, subject: true, headers: true, text: true } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ topic: "REPLIES", subject: "Ben replied to you in Rent arrears" });
    const headers = mail[0]!.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(/^<http:\/\/[^>]+\/api\/unsubscribe\?token=[^>]+>$/);
    expect(mail[0]!.text).toMatch(/Stop these emails: http:\/\/\S+\/unsubscribe\?token=/);
  });

  it("are read again when the email is sent: a member who switched to a digest gets no single email", async () => {
    const { reader, threads } = await world();
    await tell([posted(reader.id, threads[0], "Ben replied to you", "REPLY")]);
    await updateEmailPreferences(actorOf(reader), {
      REPLIES: "DAILY",
      THREADS: "DAILY",
      PAPERS: "DAILY",
      GROUPS: "DAILY",
      COMMISSIONS: "DAILY",
    });
    expect(await deliverDueEmails()).toMatchObject({ skipped: 1, sent: 0 });
    // Not emailed, so the digest still has it.
    expect(await db.notification.count({ where: { userId: reader.id, emailedAt: null } })).toBe(1);
  });
});

describe("digests", () => {
  beforeEach(resetDatabase);

  it("gather what is new and unread into one email per member, grouped by group, and only once", async () => {
    const { reader, threads } = await world();
    const now = new Date();
    await tell([
      posted(reader.id, threads[0], "New post in Rent arrears"),
      posted(reader.id, threads[1], "New post in Waiting lists"),
      posted(reader.id, threads[1], "Another post in Waiting lists"),
    ]);
    // Read in the app already: not repeated by email.
    await tell([posted(reader.id, threads[0], "Seen already")]);
    await db.notification.updateMany({ where: { text: "Seen already" }, data: { readAt: now } });

    expect(await sendDigests(now)).toEqual({ daily: 1, weekly: 0 });
    const digest = await db.outboxEmail.findFirstOrThrow({ where: { topic: "DIGEST" } });
    expect(digest.subject).toBe("Your daily Policy Commons digest: 3 new items");
    expect(digest.text).toMatch(/Housing\n=+\n- New post in Rent arrears\n {2}http:\/\/\S+\/threads\//);
    expect(digest.text).toMatch(/Health\n=+\n- New post in Waiting lists\n.*\n- Another post in Waiting lists/);
    expect(digest.text).not.toContain("Seen already");
    expect((digest.headers as Record<string, string>)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    // Nothing twice: not in the same hour, not the next day with nothing new.
    expect(await sendDigests(now)).toEqual({ daily: 0, weekly: 0 });
    expect(await sendDigests(new Date(now.getTime() + 25 * HOUR))).toEqual({ daily: 0, weekly: 0 });
    // Something new, but the day is not over: it waits for the next digest.
    await tell([posted(reader.id, threads[0], "Later post")]);
    expect(await sendDigests(new Date(now.getTime() + HOUR))).toEqual({ daily: 0, weekly: 0 });
    expect(await sendDigests(new Date(now.getTime() + 25 * HOUR))).toEqual({ daily: 1, weekly: 0 });
  });

  it("a weekly choice waits for the week, and two workers at once send one digest", async () => {
    const { reader, threads } = await world();
    await updateEmailPreferences(actorOf(reader), {
      REPLIES: "OFF",
      THREADS: "WEEKLY",
      PAPERS: "OFF",
      GROUPS: "OFF",
      COMMISSIONS: "OFF",
    });
    await tell([posted(reader.id, threads[0], "New post")]);
    const now = new Date();
    const results = await Promise.all([sendDigests(now), sendDigests(now)]);
    expect(results.reduce((sum, r) => sum + r.weekly + r.daily, 0)).toBe(1);
    await tell([posted(reader.id, threads[1], "Next post")]);
    expect(await sendDigests(new Date(now.getTime() + 3 * 24 * HOUR))).toEqual({ daily: 0, weekly: 0 });
    expect(await sendDigests(new Date(now.getTime() + 7 * 24 * HOUR))).toEqual({ daily: 0, weekly: 1 });
  });

  it("go to nobody who chose off, and to no suspended or deleted account", async () => {
    const { reader, other, threads } = await world();
    const gone = await makeUser();
    await updateEmailPreferences(actorOf(reader), {
      REPLIES: "OFF",
      THREADS: "OFF",
      PAPERS: "OFF",
      GROUPS: "OFF",
      COMMISSIONS: "OFF",
    });
    await db.user.update({ where: { id: other.id }, data: { suspendedUntil: new Date(Date.now() + 24 * HOUR) } });
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date(), email: null } });
    await tell([reader, other, gone].map((u) => posted(u.id, threads[0], "New post")));
    expect(await sendDigests()).toEqual({ daily: 0, weekly: 0 });
  });
});

describe("unsubscribing from an email's link", () => {
  beforeEach(resetDatabase);

  it("turns that kind off, and a digest's link turns off what goes in that digest", async () => {
    const user = await makeUser();
    await applyUnsubscribe(unsubscribeToken(user.id, "REPLIES"));
    expect((await getEmailPreferences(actorOf(user))).REPLIES).toBe("OFF");
    const view = await describeUnsubscribe(unsubscribeToken(user.id, "DAILY"));
    expect(view?.topics.map((t) => t.topic)).toEqual(["THREADS", "PAPERS", "GROUPS", "COMMISSIONS"]);
    await applyUnsubscribe(unsubscribeToken(user.id, "DAILY"));
    expect(await getEmailPreferences(actorOf(user))).toEqual({
      REPLIES: "OFF",
      THREADS: "OFF",
      PAPERS: "OFF",
      GROUPS: "OFF",
      COMMISSIONS: "OFF",
    });
  });

  it("refuses forged, altered and foreign tokens and changes nothing", async () => {
    const user = await makeUser();
    const good = unsubscribeToken(user.id, "REPLIES");
    const forged = [
      `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`,
      good.replace("REPLIES", "THREADS"),
      `${(await makeUser()).id}${good.slice(36)}`,
      "",
      "x".repeat(300),
      undefined,
    ];
    for (const token of forged) {
      expect(await describeUnsubscribe(token)).toBeNull();
      expect(await appError(applyUnsubscribe(token))).toMatchObject({ code: "VALIDATION" });
    }
    expect((await getEmailPreferences(actorOf(user))).REPLIES).toBe("IMMEDIATELY");
  });

  it("answers RFC 8058's one-click POST without a cookie or an Origin", async () => {
    const user = await makeUser();
    const token = unsubscribeToken(user.id, "REPLIES");
    const response = await oneClick(
      new NextRequest(`http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(response.status).toBe(200);
    expect((await getEmailPreferences(actorOf(user))).REPLIES).toBe("OFF");
    const refused = await oneClick(
      new NextRequest("http://localhost:3000/api/unsubscribe?token=nope", { method: "POST" }),
    );
    expect(refused.status).toBe(400);
  });
});
