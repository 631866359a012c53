"use client";

import { buttonClass } from "@/components/ui/button-class";

/** "14:05 today", "14:05 yesterday", or "Mon 7 Dec at 14:05": when a draft was last kept. */
export function draftTimeText(savedAt: number, now: number): string {
  const saved = new Date(savedAt);
  const time = saved.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(new Date(now)) - day(saved)) / 86_400_000);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} yesterday`;
  const date = saved.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
  return `${date} at ${time}`;
}

/**
 * Says that the form holds a draft put back from this browser, with a way to throw it away. A
 * status region: announced politely, without taking the focus from where the person is.
 */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: number | null; onDiscard: () => void }) {
  return (
    <div role="status" className={savedAt === null ? "sr-only" : undefined}>
      {savedAt === null ? null : (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-accent bg-accent-soft px-4 py-2 text-sm text-accent-dark">
          <p>
            Restored your unsent draft from{" "}
            <time dateTime={new Date(savedAt).toISOString()}>{draftTimeText(savedAt, Date.now())}</time>.
          </p>
          <button type="button" className={buttonClass("secondary")} onClick={onDiscard}>
            Discard<span className="sr-only"> the draft</span>
          </button>
        </div>
      )}
    </div>
  );
}
