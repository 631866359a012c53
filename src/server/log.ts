import { currentRequestId } from "./request-context";

// Structured JSON logs, one line per event, so that several server processes can be read together.
// Lines written while handling a request carry its requestId (src/proxy.ts sets it and returns it
// in the x-request-id response header), so a person's report can be matched to the server's lines.

type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields: Fields) {
  const requestId = currentRequestId();
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    ...(requestId ? { requestId } : {}),
    ...fields,
  });
  if (level === "error") console.error(line);
  else console.log(line);
}

export function logInfo(message: string, fields: Fields = {}) {
  write("info", message, fields);
}

export function logError(message: string, error: unknown, fields: Fields = {}) {
  const err =
    error instanceof Error ? { name: error.name, error: error.message, stack: error.stack } : { error: String(error) };
  write("error", message, { ...fields, ...err });
}
