"use client";

import { useEffect } from "react";

// Asks before a page with unsaved text is left. Reloading or closing the tab fires
// `beforeunload`; a Next <Link> does not (the App Router swaps the page in place and has no
// navigation event to cancel), so same-origin link clicks are caught in the capture phase, before
// React's own listener sees them, and confirmed first. One set of listeners serves every form on
// the page; each form registers a check that says whether it holds unsaved text, and whether that
// text is kept as a draft. Signing out asks the same question first (confirmLeaving).

/** Why the page is being left: following a link, or signing out (which deletes every draft). */
export type LeaveReason = "link" | "sign-out";

/** The question to ask, worded for what will become of the text. */
export function leaveQuestion(reason: LeaveReason, draftsKept: boolean): string {
  if (reason === "sign-out")
    return "You have text you have not sent. Sign out anyway? Signing out deletes the drafts kept in this browser, so that text will be lost.";
  if (!draftsKept)
    return "You have text you have not sent, and this browser could not keep a draft of it. Leave this page and lose it?";
  return "You have text you have not sent. Leave this page? (A draft is kept in this browser for 7 days.)";
}

type Check = { unsaved: () => boolean; kept: () => boolean };
const checks = new Set<Check>();
/** Set once the person has said yes to leaving (signing out): the page's unload must not ask again. */
let leaveConfirmed = false;

const unsavedChecks = () => [...checks].filter((check) => check.unsaved());

/**
 * Asks whether to leave when some form holds unsent text; true when there is none or the person
 * says yes. A yes also silences the browser's own question as the page unloads.
 */
export function confirmLeaving(reason: LeaveReason): boolean {
  const unsaved = unsavedChecks();
  if (unsaved.length === 0) return true;
  const ok = window.confirm(
    leaveQuestion(
      reason,
      unsaved.every((check) => check.kept()),
    ),
  );
  if (ok && reason === "sign-out") leaveConfirmed = true;
  return ok;
}

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (leaveConfirmed || unsavedChecks().length === 0) return;
  event.preventDefault();
  // Older browsers ask only when returnValue is set.
  event.returnValue = "";
}

/** The link a click would follow inside this site, leaving this page; null for anything else. */
export function leavingLink(event: MouseEvent, location: Location): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null; // a new tab or window
  const link = (event.target as Element | null)?.closest?.("a[href]");
  if (!(link instanceof HTMLAnchorElement)) return null;
  if (link.hasAttribute("download") || (link.target && link.target !== "_self")) return null;
  const to = new URL(link.href, location.href);
  if (to.origin !== location.origin) return null; // beforeunload asks for those
  // A link to a place on this same page leaves nothing behind.
  if (to.pathname === location.pathname && to.search === location.search && to.hash !== "") return null;
  return link;
}

function onClick(event: MouseEvent) {
  if (!leavingLink(event, window.location)) return;
  if (confirmLeaving("link")) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

/**
 * While mounted, leaving the page asks first whenever `hasUnsavedText()` says so; `draftKept()`
 * says whether that text is kept as a draft, which changes the question.
 */
export function useLeaveGuard(hasUnsavedText: () => boolean, enabled = true, draftKept: () => boolean = () => true) {
  useEffect(() => {
    if (!enabled) return;
    const check: Check = { unsaved: hasUnsavedText, kept: draftKept };
    if (checks.size === 0) {
      window.addEventListener("beforeunload", onBeforeUnload);
      window.addEventListener("click", onClick, true);
    }
    checks.add(check);
    return () => {
      checks.delete(check);
      if (checks.size === 0) {
        window.removeEventListener("beforeunload", onBeforeUnload);
        window.removeEventListener("click", onClick, true);
      }
    };
  }, [hasUnsavedText, enabled, draftKept]);
}
