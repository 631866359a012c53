import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";

// The id src/proxy.ts gives each request (x-request-id; also sent back in the response), for the
// logs. `headers()` from next/headers cannot serve here: it is async, and during a static
// prerender it suspends forever or turns the page dynamic. Next keeps the request's headers in its
// own AsyncLocalStorage for every page render, Server Action and route handler; this reads them
// without side effects. It is Next's internal store, so every failure only means "no id".
// tests/unit/request-context.test.ts breaks if a Next upgrade moves it.

export function currentRequestId(): string | undefined {
  try {
    const store = workUnitAsyncStorage.getStore();
    if (store?.type !== "request") return undefined; // a job, a prerender, a cache fill: no request
    return store.headers.get("x-request-id") ?? undefined;
  } catch {
    return undefined;
  }
}
