// No "server-only": src/instrumentation.ts loads the hooks that use it.
import http from "node:http";
import https from "node:https";

/**
 * Runs `handle` for each request that any HTTP or HTTPS server of this process receives, before
 * the server's own listener (Next.js) sees it. A handler that returns true has answered the
 * request itself. The handler installed last runs first.
 */
export function beforeEveryRequest(handle: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitAfterHook(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (
        event === "request" &&
        args[0] instanceof http.IncomingMessage &&
        handle(args[0], args[1] as http.ServerResponse)
      )
        return true;
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}
