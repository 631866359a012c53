// The session cache's own rules (src/server/auth/session-cache.ts); the database's notices are
// tested in tests/integration/session-cache.test.ts.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  enableSessionCache,
  forget,
  rememberedSession,
  rememberSession,
  sessionCacheMark,
  setSessionCacheListening,
} from "@/server/auth/session-cache";

enableSessionCache(3);
const keep = (sessionId: string, userId: string) => rememberSession(sessionId, { userId }, sessionCacheMark());

beforeEach(() => setSessionCacheListening(true));
afterAll(() => setSessionCacheListening(false));

describe("the session cache", () => {
  it("does not keep a row read while a notice arrived: the row may predate the change", () => {
    const mark = sessionCacheMark();
    forget("session:someone-else");
    rememberSession("s1", { userId: "u1" }, mark);
    expect(rememberedSession("s1")).toBeUndefined();
    keep("s1", "u1");
    expect(rememberedSession("s1")).toEqual({ userId: "u1" });
  });

  it("a notice about a person forgets all their sessions and only theirs", () => {
    keep("s1", "u1");
    keep("s2", "u1");
    keep("s3", "u2");
    forget("user:u1");
    expect([rememberedSession("s1"), rememberedSession("s2"), rememberedSession("s3")]).toEqual([
      undefined,
      undefined,
      { userId: "u2" },
    ]);
    forget("session:s3");
    expect(rememberedSession("s3")).toBeUndefined();
  });

  it("a notice it does not know forgets everything", () => {
    keep("s1", "u1");
    forget("all");
    expect(rememberedSession("s1")).toBeUndefined();
    keep("s1", "u1");
    forget("something-new");
    expect(rememberedSession("s1")).toBeUndefined();
  });

  it("keeps and serves nothing while not listening, and starts empty when listening again", () => {
    keep("s1", "u1");
    setSessionCacheListening(false);
    expect(rememberedSession("s1")).toBeUndefined();
    keep("s2", "u2");
    setSessionCacheListening(true);
    expect(rememberedSession("s1")).toBeUndefined();
    expect(rememberedSession("s2")).toBeUndefined();
  });

  it("is bounded: the least recently used session goes first, and its person's index with it", () => {
    for (const n of [1, 2, 3, 4]) keep(`s${n}`, `u${n}`);
    expect(rememberedSession("s1")).toBeUndefined();
    expect(rememberedSession("s4")).toEqual({ userId: "u4" });
    forget("user:u1"); // nothing left to forget: no error
  });
});
