// The static baseline of `npm run bench`: the published paper's HTML, saved as the app sends it
// (signed out), served by the plain file server (static-server.ts) in its own process.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../lib/embedded-postgres";
import { bin, ROOT, type Running, start, waitForHttp } from "../lib/processes";

export interface StaticBaseline {
  /** The static server's URL for the saved page. */
  url: string;
  bytes: number;
  server: Running;
}

export async function startStaticBaseline(appUrl: string, dir: string): Promise<StaticBaseline> {
  const response = await fetch(appUrl, { signal: AbortSignal.timeout(60_000) });
  const html = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${appUrl} answered ${response.status}: no HTML for the static baseline`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "published.html"), html);
  const port = await freePort();
  const server = start(bin("tsx"), [path.join(ROOT, "scripts", "bench", "static-server.ts"), dir, String(port)]);
  const url = `http://127.0.0.1:${port}/published.html`;
  await waitForHttp(url, server);
  return { url, bytes: Buffer.byteLength(html), server };
}
