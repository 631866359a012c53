/** Says "Verified" in words (with a tick for a quick glance), so colour is never the only signal. */
export function VerifiedBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-accent bg-accent-soft px-2 py-0.5 text-xs font-semibold text-accent-dark">
      <span aria-hidden="true">✓</span> Verified
    </span>
  );
}
