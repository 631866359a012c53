import { createHash } from "node:crypto";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

// A cached page is sent to many people, so a per-request nonce cannot vouch for its inline
// scripts (the ones Next writes to hand the page to React): their hashes do instead. The HTML
// parser ends a script at the first "</script", and React escapes that sequence inside its data.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** `'sha256-…'` for each distinct inline script of the document, in order of appearance. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? "";
    if (body.length === 0) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The document's text from its body bytes as sent (compressed or not); null for an encoding not known here. */
export function decodeBody(body: Buffer, contentEncoding: string | undefined): string | null {
  switch ((contentEncoding ?? "identity").trim().toLowerCase()) {
    case "identity":
    case "":
      return body.toString("utf8");
    case "gzip":
    case "x-gzip":
      return gunzipSync(body).toString("utf8");
    case "br":
      return brotliDecompressSync(body).toString("utf8");
    case "deflate":
      return inflateSync(body).toString("utf8");
    default:
      return null;
  }
}
