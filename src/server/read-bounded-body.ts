import "server-only";

// Reads a request's body as text, but never more than `maxBytes`: a declared Content-Length
// above it is refused before anything is read, and a body without one (chunked) is counted as
// it arrives and dropped as soon as it passes the bound. Route handlers that parse JSON use it
// instead of request.json(), which would buffer whatever a caller chose to send.

export type BoundedBody = { ok: true; text: string } | { ok: false; reason: "too-large" | "unreadable" };

export async function readBoundedBody(request: Request, maxBytes: number): Promise<BoundedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(whole) };
}
