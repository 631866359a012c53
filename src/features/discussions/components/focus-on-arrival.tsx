"use client";

import { useEffect } from "react";

/**
 * Moves the focus to an element once the page shows (the reply just posted), so a keyboard or
 * screen-reader user continues from there, as a sighted one does from where the page scrolled.
 * `dropParam` is taken out of the address bar once shown ("?posted=1"): a copied or reloaded
 * address should not say it again.
 */
export function FocusOnArrival({ elementId, dropParam }: { elementId: string; dropParam?: string }) {
  useEffect(() => {
    if (dropParam) {
      const url = new URL(window.location.href);
      if (url.searchParams.has(dropParam)) {
        url.searchParams.delete(dropParam);
        // Next's router follows the browser's own history calls (the page is not fetched again).
        window.history.replaceState(window.history.state, "", url);
      }
    }
    const element = document.getElementById(elementId);
    if (!element) return;
    element.setAttribute("tabindex", "-1");
    element.focus();
  }, [elementId, dropParam]);
  return null;
}
