"use client";

import { useEffect, useState } from "react";

// Drafts are kept per account, so the browser must know who is signed in. Forms are rendered by
// many pages, none of which passes the account down, so the session is asked once per page load
// (next-auth's own endpoint; `uid` is the account's id). Until it answers, and if it fails or
// nobody is signed in, no draft is read or written.

let asked: Promise<string | null> | null = null;

async function askSession(): Promise<string | null> {
  try {
    const response = await fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return null;
    const body = (await response.json()) as { uid?: unknown };
    return typeof body?.uid === "string" && body.uid !== "" ? body.uid : null;
  } catch {
    return null;
  }
}

/** The signed-in account's id, or null (not known yet, or signed out). */
export function useDraftAccount(enabled = true): string | null {
  const [account, setAccount] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    asked ??= askSession();
    const mine = asked;
    void mine.then((uid) => {
      // A signed-out answer is not kept: the person may sign in without a full page load.
      if (uid === null && asked === mine) asked = null;
      if (live) setAccount(uid);
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return account;
}

/** Forgets the cached answer (signing out). */
export function forgetDraftAccount() {
  asked = null;
}
