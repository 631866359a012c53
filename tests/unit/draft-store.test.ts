import { describe, expect, it } from "vitest";
import {
  clearAllDrafts,
  DRAFT_PREFIX,
  DRAFT_TTL_MS,
  type DraftStorage,
  draftKey,
  draftPage,
  loadDraft,
  MAX_DRAFT_CHARS,
  MAX_DRAFTS,
  pruneDrafts,
  removeDraft,
  saveDraft,
} from "@/components/form/draft-store";
import { leaveQuestion } from "@/components/form/leave-guard";

/** An in-memory localStorage that can be made full (throws on setItem past `capacity` characters) or broken. */
function memoryStorage({ capacity = Number.POSITIVE_INFINITY, broken = false } = {}) {
  const items = new Map<string, string>();
  const used = () => [...items.entries()].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  const fail = () => {
    if (broken) throw new DOMException("The operation is insecure.", "SecurityError");
  };
  const storage: DraftStorage & { items: Map<string, string> } = {
    items,
    get length() {
      fail();
      return items.size;
    },
    key: (i) => {
      fail();
      return [...items.keys()][i] ?? null;
    },
    getItem: (k) => {
      fail();
      return items.get(k) ?? null;
    },
    removeItem: (k) => {
      fail();
      items.delete(k);
    },
    setItem: (k, v) => {
      fail();
      const before = items.get(k);
      items.set(k, v);
      if (used() > capacity) {
        if (before === undefined) items.delete(k);
        else items.set(k, before);
        throw new DOMException("Quota exceeded", "QuotaExceededError");
      }
    },
  };
  return storage;
}

const NOW = Date.UTC(2026, 11, 7, 9, 0);

describe("draft keys", () => {
  it("separate accounts, pages and forms", () => {
    const keys = new Set([
      draftKey("ada", "/threads/1", "Reply to the thread"),
      draftKey("bo", "/threads/1", "Reply to the thread"),
      draftKey("ada", "/threads/2", "Reply to the thread"),
      draftKey("ada", "/threads/1", "Reply to post 9"),
    ]);
    expect(keys.size).toBe(4);
    for (const key of keys) expect(key.startsWith(DRAFT_PREFIX)).toBe(true);
  });

  it("one account's draft is never read under another's key", () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey("ada", "/p", "f"), { body: "Ada's words" }, NOW);
    expect(loadDraft(storage, draftKey("bo", "/p", "f"), NOW)).toBeNull();
    expect(loadDraft(storage, draftKey("ada", "/p", "f"), NOW)?.fields).toEqual({ body: "Ada's words" });
  });
});

describe("saving and loading", () => {
  it("keeps the fields and when they were saved", () => {
    const storage = memoryStorage();
    expect(saveDraft(storage, "k", { title: "T", body: "B\nline" }, NOW)).toBe(true);
    expect(loadDraft(storage, "k", NOW + 1000)).toEqual({ savedAt: NOW, fields: { title: "T", body: "B\nline" } });
  });

  it("drops a draft once it has expired", () => {
    const storage = memoryStorage();
    saveDraft(storage, `${DRAFT_PREFIX}k`, { body: "old" }, NOW);
    expect(loadDraft(storage, `${DRAFT_PREFIX}k`, NOW + DRAFT_TTL_MS)).not.toBeNull();
    expect(loadDraft(storage, `${DRAFT_PREFIX}k`, NOW + DRAFT_TTL_MS + 1)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it("ignores what it cannot read", () => {
    const storage = memoryStorage();
    storage.setItem("k1", "not json");
    storage.setItem("k2", JSON.stringify({ savedAt: "yesterday", fields: {} }));
    storage.setItem("k3", JSON.stringify({ savedAt: NOW, fields: { body: 42, title: "kept" } }));
    expect(loadDraft(storage, "k1", NOW)).toBeNull();
    expect(loadDraft(storage, "k2", NOW)).toBeNull();
    expect(loadDraft(storage, "k3", NOW)?.fields).toEqual({ title: "kept" });
  });

  it("does not keep a draft larger than the bound", () => {
    const storage = memoryStorage();
    expect(saveDraft(storage, "k", { body: "x".repeat(MAX_DRAFT_CHARS + 1) }, NOW)).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it("removes one draft, or every draft and nothing else", () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey("ada", "/a", "f"), { body: "a" }, NOW);
    saveDraft(storage, draftKey("bo", "/b", "f"), { body: "b" }, NOW);
    storage.setItem("someone-else's-setting", "1");
    removeDraft(storage, draftKey("ada", "/a", "f"));
    expect(loadDraft(storage, draftKey("ada", "/a", "f"), NOW)).toBeNull();
    clearAllDrafts(storage);
    expect([...storage.items.keys()]).toEqual(["someone-else's-setting"]);
  });
});

describe("bounded storage", () => {
  it("keeps at most MAX_DRAFTS, dropping the oldest", () => {
    const storage = memoryStorage();
    for (let i = 0; i <= MAX_DRAFTS; i += 1)
      saveDraft(storage, draftKey("ada", `/p${i}`, "f"), { body: `${i}` }, NOW + i);
    expect(storage.items.size).toBe(MAX_DRAFTS);
    expect(loadDraft(storage, draftKey("ada", "/p0", "f"), NOW + MAX_DRAFTS)).toBeNull();
    expect(loadDraft(storage, draftKey("ada", `/p${MAX_DRAFTS}`, "f"), NOW + MAX_DRAFTS)).not.toBeNull();
  });

  it("pruning drops expired drafts first", () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey("ada", "/old", "f"), { body: "old" }, NOW - DRAFT_TTL_MS - 1);
    saveDraft(storage, draftKey("ada", "/new", "f"), { body: "new" }, NOW);
    expect(pruneDrafts(storage, NOW)).toBe(1);
    expect(loadDraft(storage, draftKey("ada", "/new", "f"), NOW)?.fields.body).toBe("new");
  });

  it("when storage is full, makes room by dropping older drafts", () => {
    const storage = memoryStorage({ capacity: 2_000 });
    for (let i = 0; i < 10; i += 1)
      saveDraft(storage, draftKey("ada", `/p${i}`, "f"), { body: "x".repeat(150) }, NOW + i);
    expect(saveDraft(storage, draftKey("ada", "/newest", "f"), { body: "y".repeat(600) }, NOW + 100)).toBe(true);
    expect(loadDraft(storage, draftKey("ada", "/newest", "f"), NOW + 100)?.fields.body).toHaveLength(600);
  });

  it("a draft that can never fit is given up quietly", () => {
    const storage = memoryStorage({ capacity: 100 });
    expect(saveDraft(storage, "k", { body: "z".repeat(500) }, NOW)).toBe(false);
  });

  it("a storage that throws on every call never breaks anything", () => {
    const storage = memoryStorage({ broken: true });
    expect(saveDraft(storage, "k", { body: "text" }, NOW)).toBe(false);
    expect(loadDraft(storage, "k", NOW)).toBeNull();
    expect(() => removeDraft(storage, "k")).not.toThrow();
    expect(() => clearAllDrafts(storage)).not.toThrow();
    expect(pruneDrafts(storage, NOW)).toBe(0);
    expect(saveDraft(null, "k", { body: "text" }, NOW)).toBe(false);
    expect(loadDraft(null, "k", NOW)).toBeNull();
  });
});

describe("which form a draft belongs to", () => {
  const propose = "/groups/g/papers/p/propose";
  it("tells apart the forms one path shows by their target in the query", () => {
    const pages = [
      draftPage(propose, "?kind=AMEND_SECTION&section=the-problem"),
      draftPage(propose, "?kind=AMEND_SECTION&section=recommendations"),
      draftPage(propose, "?kind=ADD_SECTION"),
      draftPage(propose, "?kind=RETITLE"),
      draftPage(propose, ""),
    ];
    expect(new Set(pages).size).toBe(pages.length);
    expect(new Set(pages.map((page) => draftKey("ada", page, "New proposal"))).size).toBe(pages.length);
  });

  it("does not care about the order of the query or about paging and notices", () => {
    expect(draftPage(propose, "?section=a&kind=AMEND_SECTION")).toBe(
      draftPage(propose, "?kind=AMEND_SECTION&section=a"),
    );
    expect(draftPage("/threads/1", "?page=3&posted=abc")).toBe("/threads/1");
    expect(draftPage("/threads/1", "")).toBe("/threads/1");
  });
});

describe("the leave question", () => {
  it("promises a kept draft only when one is kept, and never when signing out", () => {
    expect(leaveQuestion("link", true)).toMatch(/kept in this browser for 7 days/);
    expect(leaveQuestion("link", false)).not.toMatch(/kept in this browser for 7 days/);
    expect(leaveQuestion("link", false)).toMatch(/could not keep a draft/);
    expect(leaveQuestion("sign-out", true)).not.toMatch(/7 days/);
    expect(leaveQuestion("sign-out", true)).toMatch(/Sign out anyway\?.*deletes the drafts/);
  });
});
