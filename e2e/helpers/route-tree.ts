import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The app's routes, read from src/app the way Next reads them, so a test that takes "every route"
// covers a route added tomorrow without being edited.

export type Segment =
  | { kind: "static"; text: string }
  | { kind: "dynamic" | "catchAll" | "optionalCatchAll"; name: string };

export interface AppRoute {
  /** The file, relative to src/app, e.g. "threads/[threadId]/page.tsx". */
  file: string;
  kind: "page" | "route";
  segments: Segment[];
  /** HTTP methods a route.ts exports; ["GET"] for pages. */
  methods: string[];
  /** "/threads/[threadId]": the pattern as written. */
  pattern: string;
}

const APP = fileURLToPath(new URL("../../src/app", import.meta.url));
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function segmentOf(name: string): Segment | null {
  if (name.startsWith("(") && name.endsWith(")")) return null; // a route group: not in the URL
  const optional = name.match(/^\[\[\.\.\.(\w+)\]\]$/);
  if (optional) return { kind: "optionalCatchAll", name: optional[1]! };
  const catchAll = name.match(/^\[\.\.\.(\w+)\]$/);
  if (catchAll) return { kind: "catchAll", name: catchAll[1]! };
  const dynamic = name.match(/^\[(\w+)\]$/);
  if (dynamic) return { kind: "dynamic", name: dynamic[1]! };
  return { kind: "static", text: name };
}

/** The methods a route.ts exports: `export async function POST`, `export const OPTIONS =`, `export { handler as GET, POST }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return METHODS.filter((method) => found.has(method));
}

export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: Segment[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // _private folders and @parallel slots are not URL segments of their own.
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        const segment = segmentOf(entry.name);
        walk(full, segment ? [...segments, segment] : segments);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        const kind = entry.name.startsWith("page") ? "page" : "route";
        const pattern = `/${segments.map((s) => (s.kind === "static" ? s.text : s.kind === "dynamic" ? `[${s.name}]` : s.kind === "catchAll" ? `[...${s.name}]` : `[[...${s.name}]]`)).join("/")}`;
        routes.push({
          file: path.relative(APP, full),
          kind,
          segments,
          methods: kind === "page" ? ["GET"] : exportedMethods(readFileSync(full, "utf8")),
          pattern,
        });
      }
    }
  };
  walk(APP, []);
  return routes;
}

export const isDynamic = (route: AppRoute) => route.segments.some((s) => s.kind !== "static");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Matches a path (still percent-encoded) against a route; returns its raw parameter values. */
export function matchRoute(route: AppRoute, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const source = route.segments
    .map((s) => {
      if (s.kind === "static") return `/${escapeRegExp(s.text)}`;
      names.push(s.name);
      return s.kind === "dynamic" ? "/([^/]+)" : s.kind === "catchAll" ? "/(.+)" : "(?:/(.+))?";
    })
    .join("");
  const match = new RegExp(`^${source || "/"}/?$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""]));
}

/** The path of a route with each dynamic segment taken from `values` (already percent-encoded). */
export function fillRoute(route: AppRoute, values: Record<string, string>): string {
  const parts = route.segments.flatMap((s) => {
    if (s.kind === "static") return [s.text];
    const value = values[s.name];
    return value === undefined || (s.kind === "optionalCatchAll" && value === "") ? [] : [value];
  });
  return `/${parts.join("/")}`;
}
