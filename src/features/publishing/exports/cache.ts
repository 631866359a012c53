/**
 * A small in-process cache of generated files. Publications never change, so an entry never goes
 * stale; the key carries everything the bytes depend on. It only saves work: every machine can
 * generate any file, so nothing depends on which one served a request. Concurrent requests for
 * the same file share one generation.
 */
const MAX_ENTRIES = 32;
const MAX_BYTES = 32 * 1024 * 1024;

const entries = new Map<string, Promise<Uint8Array>>();
const sizes = new Map<string, number>();
let bytes = 0;

function evict() {
  // Map keeps insertion order, and hits are re-inserted: the first key is the least recently used.
  while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) return;
    entries.delete(oldest);
    bytes -= sizes.get(oldest) ?? 0;
    sizes.delete(oldest);
  }
}

export function cachedFile(key: string, generate: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const pending = generate();
  entries.set(key, pending);
  pending.then(
    (file) => {
      if (entries.get(key) !== pending) return;
      sizes.set(key, file.byteLength);
      bytes += file.byteLength;
      evict();
    },
    () => entries.delete(key),
  );
  evict();
  return pending;
}
