/** The request id to log and answer with: a well-formed one the reverse proxy sent (8–64 letters, digits, _ or -), or a new one. */
export function requestIdFrom(sent: string | null | undefined): string {
  return sent?.match(/^[\w-]{8,64}$/)?.[0] ?? crypto.randomUUID();
}
