"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

/** The full link in a read-only box, with a button that copies it (the box can be copied by hand too). */
export function InvitationCopyField({ url, label }: { url: string; label: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 basis-56 rounded-md border border-line bg-paper px-3 py-2 font-mono text-sm text-ink"
        />
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
        >
          Copy link
        </button>
      </div>
      <p role="status" className="mt-1 text-sm text-muted">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}
