// No "server-only": src/instrumentation.ts loads the hooks that use it.
import http from "node:http";
import https from "node:https";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, proceed: () => void) => boolean;

/**
 * Runs `handle` for each request that any HTTP or HTTPS server of this process receives, before
 * the server's own listener (Next.js) sees it. A handler that returns true has taken the request:
 * it answers it itself, or calls `proceed` later to hand it on. The handler installed last runs first.
 */
export function beforeEveryRequest(handle: Handler) {
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitAfterHook(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request" && args[0] instanceof http.IncomingMessage) {
        const proceed = () => void Reflect.apply(emit, this, [event, ...args]);
        if (handle(args[0], args[1] as http.ServerResponse, proceed)) return true;
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}
