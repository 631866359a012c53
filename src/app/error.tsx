"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-muted">
        This page could not be shown just now. Please try again in a moment.
        {error.digest ? ` (reference ${error.digest})` : ""}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-accent px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
