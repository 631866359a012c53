import type http from "node:http";

// Copies what Next writes to a response, without changing what the client receives. Next's
// compression wraps the response after this does, so the bytes copied are the bytes sent.

const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export interface Captured {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

type Chunk = string | Uint8Array | ((error?: Error | null) => void) | undefined | null;

function lowercased(headers: http.OutgoingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

/** Calls `done` with the complete response once it has been sent, or with null if it was cut short or too large. */
export function captureResponse(res: http.ServerResponse, done: (captured: Captured | null) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let usable = true;
  const passedHeaders: http.OutgoingHttpHeaders = {};

  const collect = (chunk: Chunk, encoding: unknown) => {
    if (!usable || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk); // a copy: the writer may reuse its buffer
    size += bytes.length;
    if (size > MAX_PAGE_BYTES) {
      usable = false;
      chunks.length = 0;
      return;
    }
    chunks.push(bytes);
  };

  const { write, end, writeHead } = res;
  res.write = function (this: http.ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return Reflect.apply(write, this, [chunk, ...rest]) as boolean;
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: Chunk, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return Reflect.apply(end, this, [chunk, ...rest]) as http.ServerResponse;
  } as typeof res.end;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const headers = args.find((arg, index) => index > 0 && typeof arg === "object" && arg !== null);
    if (Array.isArray(headers)) usable = false;
    else if (headers) Object.assign(passedHeaders, headers);
    return Reflect.apply(writeHead, this, args) as http.ServerResponse;
  } as typeof res.writeHead;

  let settled = false;
  res.once("finish", () => {
    settled = true;
    done(
      usable
        ? {
            status: res.statusCode,
            headers: { ...lowercased(res.getHeaders()), ...lowercased(passedHeaders) },
            body: Buffer.concat(chunks),
          }
        : null,
    );
  });
  res.once("close", () => {
    if (!settled) done(null);
  });
}
