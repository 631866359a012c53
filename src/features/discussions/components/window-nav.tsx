import Link from "next/link";

const linkClass = "rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft";

/** Earlier / later posts and jumps to the start and end; each link loads one window. */
export function WindowNav({
  basePath,
  firstKey,
  lastKey,
  hasPrevious,
  hasNext,
  position,
}: {
  basePath: string;
  firstKey: string | null;
  lastKey: string | null;
  hasPrevious: boolean;
  hasNext: boolean;
  position: "top" | "bottom";
}) {
  // No key, no cursor: a link with "?before=null" would lead nowhere.
  const earlier = hasPrevious && firstKey !== null;
  const later = hasNext && lastKey !== null;
  if (!earlier && !later) return null;
  return (
    <nav
      aria-label={position === "top" ? "Earlier posts" : "Later posts"}
      className="my-4 flex flex-wrap justify-between gap-2"
    >
      <span className="flex gap-2">
        {earlier ? (
          <>
            <Link href={basePath} className={linkClass}>
              ⇤ First posts
            </Link>
            <Link href={`${basePath}?before=${firstKey}`} className={linkClass} rel="prev">
              ← Earlier posts
            </Link>
          </>
        ) : null}
      </span>
      <span className="flex gap-2">
        {later ? (
          <>
            <Link href={`${basePath}?after=${lastKey}`} className={linkClass} rel="next">
              Load more posts →
            </Link>
            <Link href={`${basePath}?page=last`} className={linkClass}>
              Latest posts ⇥
            </Link>
          </>
        ) : null}
      </span>
    </nav>
  );
}
