"use client";
import { useState } from "react";

/** Copies a block's text. Without JavaScript the button is absent and the text stays selectable. */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const [done, setDone] = useState<"copied" | "failed" | null>(null);
  async function copy() {
    const text = document.getElementById(targetId)?.textContent ?? "";
    try {
      await navigator.clipboard.writeText(text);
      setDone("copied");
    } catch {
      setDone("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-line bg-white px-2.5 py-1 text-sm font-medium hover:border-accent focus-visible:outline-2 focus-visible:outline-accent"
      >
        {label}
      </button>
      <span role="status" className="text-sm text-muted">
        {done === "copied" ? "Copied." : done === "failed" ? "Could not copy: select the text instead." : ""}
      </span>
    </span>
  );
}
