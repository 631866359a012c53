// A member's home page opens with the latest discussions in their groups: only groups they are an
// active member of, newest activity first, with what is new since their last visit.
import { beforeAll, describe, expect, it } from "vitest";
import { recentThreadsInMyGroups } from "@/features/discussions/queries/recent-threads";
import { db } from "@/server/db";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("latest in your groups", () => {
  it("lists threads of the member's active groups only, newest activity first, with unread counts", async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const [care, housing, elsewhere, pending] = [
      await makeGroup(owner, { name: "Care" }),
      await makeGroup(owner, { name: "Housing" }),
      await makeGroup(owner, { name: "Elsewhere" }),
      await makeGroup(owner, { name: "Pending", joinPolicy: "APPROVAL" }),
    ];
    await addMember(care, member);
    await addMember(housing, member);
    await addMember(pending, member, "MEMBER", "PENDING");

    const older = await makeThread(care, owner, { title: "Older in Care", posts: 3 });
    const newer = await makeThread(housing, owner, { title: "Newer in Housing" });
    await makeThread(elsewhere, owner, { title: "Not my group" });
    await makeThread(pending, owner, { title: "Not yet my group" });
    await makeThread(care, owner, { title: "A paper's discussion", subject: "PAPER" });
    await db.thread.update({ where: { id: older.id }, data: { lastPostAt: minutesAgo(30) } });
    await db.thread.update({ where: { id: newer.id }, data: { lastPostAt: minutesAgo(5) } });
    await db.threadRead.create({ data: { userId: member.id, threadId: older.id, lastReadSeq: 1 } });

    const recent = await recentThreadsInMyGroups(actorOf(member));
    expect(recent.map((t) => [t.title, t.group.name, t.unread])).toEqual([
      ["Newer in Housing", "Housing", null],
      ["Older in Care", "Care", 2],
    ]);
  });

  it("is empty for someone signed out or in no group, and bounded by `take`", async () => {
    expect(await recentThreadsInMyGroups(null)).toEqual([]);
    expect(await recentThreadsInMyGroups(actorOf(await makeUser()))).toEqual([]);
    const owner = await makeUser();
    const group = await makeGroup(owner);
    for (let i = 0; i < 5; i++) await makeThread(group, owner);
    expect(await recentThreadsInMyGroups(actorOf(owner), 3)).toHaveLength(3);
  });
});
