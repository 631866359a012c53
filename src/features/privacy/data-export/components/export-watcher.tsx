"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const FAST_MS = 2_000;
const SLOW_MS = 10_000;
/** After this long, ask less often: the request may be waiting for a worker. */
const SLOW_AFTER_MS = 5 * 60_000;

/**
 * While an archive is being prepared, re-renders the page from the server every 2 s (the list and
 * its progress bars are server components), and says what is happening in a polite live region.
 * Rendered in the same place whether or not anything is under way, so the region persists and
 * screen readers hear each change of `announcement` (which moves in coarse steps, not every percent).
 */
export function ExportWatcher({ active, announcement }: { active: boolean; announcement: string }) {
  const router = useRouter();

  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      if (document.visibilityState === "visible") router.refresh();
      timer = setTimeout(tick, Date.now() - started > SLOW_AFTER_MS ? SLOW_MS : FAST_MS);
    };
    timer = setTimeout(tick, FAST_MS);
    return () => clearTimeout(timer);
  }, [active, router]);

  return (
    <p role="status" aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );
}
