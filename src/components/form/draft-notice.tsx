"use client";

import { buttonClass } from "@/components/ui/button-class";

/**
 * "a moment ago", "5 minutes ago", "3 hours ago", "2 days ago": when a draft was last kept. In
 * relative words, so it needs no time zone (the rest of the site shows UTC, the clock here is local).
 */
export function draftTimeText(savedAt: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - savedAt) / 60_000);
  const count = (n: number, unit: string) =>
    `${n === 1 ? (unit === "hour" ? "an" : "a") : n} ${unit}${n === 1 ? "" : "s"} ago`;
  if (minutes < 1) return "a moment ago";
  if (minutes < 60) return count(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return count(hours, "hour");
  return count(Math.floor(hours / 24), "day");
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
            <time
              dateTime={new Date(savedAt).toISOString()}
              title={`${new Date(savedAt).toISOString().slice(0, 16).replace("T", " ")} UTC`}
            >
              {draftTimeText(savedAt, Date.now())}
            </time>
            .
          </p>
          <button type="button" className={buttonClass("secondary")} onClick={onDiscard}>
            Discard<span className="sr-only"> the draft</span>
          </button>
        </div>
      )}
    </div>
  );
}
