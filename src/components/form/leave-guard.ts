"use client";

import { useEffect } from "react";

// Asks before a page with unsaved text is left. Reloading or closing the tab fires
// `beforeunload`; a Next <Link> does not (the App Router swaps the page in place and has no
// navigation event to cancel), so same-origin link clicks are caught in the capture phase, before
// React's own listener sees them, and confirmed first. One set of listeners serves every form on
// the page; each form registers a check that says whether it holds unsaved text.

export const LEAVE_QUESTION =
  "You have text you have not sent. Leave this page? (A draft is kept in this browser for 7 days.)";

const checks = new Set<() => boolean>();

const anyUnsaved = () => [...checks].some((check) => check());

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (!anyUnsaved()) return;
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
  if (!leavingLink(event, window.location) || !anyUnsaved()) return;
  if (window.confirm(LEAVE_QUESTION)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** While mounted, leaving the page asks first whenever `hasUnsavedText()` says so. */
export function useLeaveGuard(hasUnsavedText: () => boolean, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    if (checks.size === 0) {
      window.addEventListener("beforeunload", onBeforeUnload);
      window.addEventListener("click", onClick, true);
    }
    checks.add(hasUnsavedText);
    return () => {
      checks.delete(hasUnsavedText);
      if (checks.size === 0) {
        window.removeEventListener("beforeunload", onBeforeUnload);
        window.removeEventListener("click", onClick, true);
      }
    };
  }, [hasUnsavedText, enabled]);
}
