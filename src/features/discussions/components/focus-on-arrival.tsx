"use client";

import { useEffect } from "react";

/**
 * Moves the focus to an element once the page shows (the reply just posted), so a keyboard or
 * screen-reader user continues from there, as a sighted one does from where the page scrolled.
 */
export function FocusOnArrival({ elementId }: { elementId: string }) {
  useEffect(() => {
    const element = document.getElementById(elementId);
    if (!element) return;
    element.setAttribute("tabindex", "-1");
    element.focus();
  }, [elementId]);
  return null;
}
