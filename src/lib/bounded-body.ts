// Reads a request's body, but never more than `maxBytes`: a declared Content-Length above it is
// refused before anything is read, and a body without one (chunked) is counted as it arrives and
// dropped as soon as it passes the bound. The proxy counts every state-changing request's body this
// way (keeping nothing); route handlers that parse JSON keep the text, instead of request.json(),
// which would buffer whatever a caller chose to send.

export type BoundedBody = { ok: true; text: string } | { ok: false; reason: "too-large" | "unreadable" };

export async function readBoundedBody(
  request: Request,
  maxBytes: number,
  { keep = true }: { keep?: boolean } = {},
): Promise<BoundedBody> {
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
      if (keep) chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  return { ok: true, text: keep ? new TextDecoder().decode(concat(chunks, bytes)) : "" };
}

function concat(chunks: Uint8Array[], bytes: number): Uint8Array {
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
