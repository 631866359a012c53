// The static baseline of `npm run bench`: a plain file server (node:http + fs, no framework, no
// cache in memory), run as its own process like `next start`, serving the published page's HTML as
// saved from the app. What the app costs over sending the same bytes is the ratio of the two.
//
//   tsx scripts/bench/static-server.ts <dir> <port>
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";

const [dir, port] = process.argv.slice(2);
if (!dir || !port) throw new Error("usage: static-server.ts <dir> <port>");
const root = path.resolve(dir);

const server = http.createServer(async (request, response) => {
  // Every request is read from disk, as a plain static server does (the OS page cache keeps it warm).
  const name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const file = path.join(root, name === "/" ? "index.html" : name);
  if (!file.startsWith(root + path.sep)) return void response.writeHead(403).end();
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": info.size });
    createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
