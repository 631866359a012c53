import { LRUCache } from "lru-cache";
import { SITE } from "./tags";

// The pages this process keeps for signed-out readers, bounded by their total size, each kept at
// most `ttlMs`, and dropped as soon as a tag they depend on is invalidated.

export interface CachedPage {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  tags: string[];
}

/** Invalidations remembered so that a render that began before one is not stored after it. */
const RECENT_INVALIDATIONS = 2048;

export class PageStore {
  private readonly pages: LRUCache<string, CachedPage>;
  private readonly byTag = new Map<string, Set<string>>();
  /** Counts invalidations; a render remembers the count when it starts. */
  private sequence = 0;
  private readonly recent: { sequence: number; tag: string }[] = [];
  /** False while invalidations cannot be heard (invalidation.ts): nothing is served or kept then. */
  private listening = false;

  constructor({ maxBytes, ttlMs }: { maxBytes: number; ttlMs: number }) {
    this.pages = new LRUCache<string, CachedPage>({
      maxSize: maxBytes,
      sizeCalculation: (page, key) => page.body.length + key.length + 512,
      ttl: ttlMs,
      dispose: (page, key) => this.unindex(key, page.tags),
    });
  }

  /** A mark to give `set`: a page rendered from data read after it. */
  mark(): number {
    return this.sequence;
  }

  get available(): boolean {
    return this.listening;
  }

  /** Invalidations are heard again (true) or no longer (false); either way what was kept may be stale. */
  setListening(listening: boolean) {
    this.clear();
    this.listening = listening;
  }

  get(key: string): CachedPage | undefined {
    return this.listening ? this.pages.get(key) : undefined;
  }

  /** Keeps `page` unless one of its tags was invalidated since `mark` (its data may be older than that). */
  set(key: string, page: CachedPage, mark: number): boolean {
    if (!this.listening || this.staleSince(mark, page.tags)) return false;
    if (this.pages.has(key)) this.pages.delete(key);
    this.pages.set(key, page);
    if (!this.pages.has(key)) return false; // larger than the whole cache
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.byTag.set(tag, keys);
    }
    return true;
  }

  invalidate(tag: string) {
    this.sequence += 1;
    this.recent.push({ sequence: this.sequence, tag });
    if (this.recent.length > RECENT_INVALIDATIONS) this.recent.shift();
    if (tag === SITE) {
      this.pages.clear();
      return;
    }
    for (const key of [...(this.byTag.get(tag) ?? [])]) this.pages.delete(key);
  }

  /** Forgets every page (and refuses renders in flight): used when invalidations may have been missed. */
  clear() {
    this.invalidate(SITE);
  }

  get size() {
    return this.pages.size;
  }

  get bytes() {
    return this.pages.calculatedSize;
  }

  private staleSince(mark: number, tags: string[]): boolean {
    if (mark === this.sequence) return false;
    const oldest = this.recent[0]?.sequence ?? this.sequence + 1;
    if (oldest > mark + 1) return true; // forgotten which tags: assume the worst
    return this.recent.some((change) => change.sequence > mark && (change.tag === SITE || tags.includes(change.tag)));
  }

  private unindex(key: string, tags: string[]) {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
