"use client";
import { useRef, useState } from "react";

type State =
  | { phase: "idle" }
  | { phase: "preparing" }
  | { phase: "downloading"; percent: number | null }
  | { phase: "done" }
  | { phase: "failed"; message: string };

const filenameOf = (disposition: string | null, fallback: string) =>
  /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;

/**
 * One download as a link. With scripts, the file is fetched here so the page can say what is
 * happening (a long PDF shows progress rather than a frozen page), then saved through an object
 * URL; without scripts, or with a modifier key, it is the plain link.
 */
export function DownloadButton({
  href,
  label,
  kind,
  fallbackName,
}: {
  href: string;
  label: string;
  kind: string;
  fallbackName: string;
}) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const busy = useRef(false);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setState({ phase: "preparing" });
    try {
      const response = await fetch(href);
      if (!response.ok || !response.body)
        throw new Error((await response.text().catch(() => "")) || `The server answered ${response.status}.`);
      // X-File-Size is the decoded size, right even when a proxy compressed the response.
      const total = Number(response.headers.get("x-file-size") ?? response.headers.get("content-length")) || 0;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      let shown = -1;
      setState({ phase: "downloading", percent: total ? 0 : null });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        // Whole tens only: a screen reader hears a few updates, not hundreds.
        const percent = total ? Math.min(100, Math.floor((received / total) * 10) * 10) : null;
        if (percent !== shown) {
          shown = percent ?? shown;
          setState({ phase: "downloading", percent });
        }
      }
      const url = URL.createObjectURL(
        new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = filenameOf(response.headers.get("content-disposition"), fallbackName);
      document.body.append(a);
      a.click();
      a.remove();
      // Give the browser a moment to start saving before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ phase: "done" });
    } catch (error) {
      setState({ phase: "failed", message: error instanceof Error ? error.message : "The download failed." });
    } finally {
      busy.current = false;
    }
  }

  const status =
    state.phase === "preparing"
      ? `Preparing the ${kind}…`
      : state.phase === "downloading"
        ? state.percent === null
          ? `Downloading the ${kind}…`
          : `Downloading ${state.percent} %`
        : state.phase === "done"
          ? `Done: the ${kind} is saved.`
          : state.phase === "failed"
            ? `The ${kind} could not be downloaded: ${state.message} Please try again.`
            : "";
  const working = state.phase === "preparing" || state.phase === "downloading";

  return (
    <div className="space-y-1">
      <a
        href={href}
        download
        onClick={download}
        aria-disabled={working || undefined}
        className="inline-flex min-h-10 items-center rounded-md border border-line bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-accent-soft focus-visible:outline-2 focus-visible:outline-accent"
      >
        {label}
      </a>
      {working && (
        <progress
          className="block h-2 w-full max-w-48"
          aria-label={`${kind} download progress`}
          max={100}
          {...(state.phase === "downloading" && state.percent !== null ? { value: state.percent } : {})}
        />
      )}
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${state.phase === "failed" ? "text-danger" : "text-muted"}`}
      >
        {status}
      </p>
    </div>
  );
}
