// A member's HTTP client for the fault tests: signs in through next-auth, posts replies through
// the thread page's own form (the no-JavaScript Server Action post a browser without scripts
// makes) and votes through the JSON endpoint. Every call has a timeout, so a hung request fails.

const TIMEOUT_MS = 20_000;

export interface Outcome {
  /** The server said the write was done (reply: a redirect to the new post; vote: {ok: true}). */
  acknowledged: boolean;
  status: number;
  /** What a person would read: the error message or page text, for the "try again" checks. */
  text: string;
  /** The request threw (connection refused, reset, timeout) instead of answering. */
  transportError?: string;
}

export class Member {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly handle: string,
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  async signIn(password: string) {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email: `${this.handle}@example.org`, password, json: "true" });
    const response = await this.request("/api/auth/callback/credentials", { method: "POST", body });
    await response.body?.cancel();
    if (!this.cookies.has("next-auth.session-token"))
      throw new Error(`${this.handle} could not sign in (HTTP ${response.status})`);
  }

  /** The hidden fields of the thread page's "Reply to the thread" form (action id, key, bound state). */
  async replyForm(threadId: string): Promise<[string, string][]> {
    const response = await this.request(`/threads/${threadId}`);
    const html = await response.text();
    const form = /<form[^>]*aria-label="Reply to the thread"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
    if (!form) throw new Error(`no reply form on /threads/${threadId} (HTTP ${response.status})`);
    return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [
      m[1]!,
      unescapeHtml(m[2] ?? ""),
    ]);
  }

  async reply(threadId: string, form: [string, string][], body: string): Promise<Outcome> {
    const data = new FormData();
    for (const [name, value] of form) data.append(name, value);
    data.append("body", body);
    return this.outcome(async () => {
      const response = await this.request(`/threads/${threadId}`, {
        method: "POST",
        body: data,
        headers: { origin: this.baseUrl },
      });
      const location = response.headers.get("location") ?? "";
      const text = await response.text();
      return {
        acknowledged: response.status === 303 && location.includes("/posts/"),
        status: response.status,
        text: formMessage(text),
      };
    });
  }

  async vote(proposalId: string, choice: "SUPPORT" | "OPPOSE" | "ABSTAIN"): Promise<Outcome> {
    return this.outcome(async () => {
      const response = await this.request(`/api/proposals/${proposalId}/votes`, {
        method: "POST",
        body: JSON.stringify({ version: 1, choice }),
        headers: { "content-type": "application/json", origin: this.baseUrl },
      });
      const json = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string };
      return {
        acknowledged: response.status === 200 && json.ok === true,
        status: response.status,
        text: json.error ?? "",
      };
    });
  }

  /** A page as a signed-in member sees it: status and visible text (scripts stripped). */
  async page(path: string): Promise<Outcome> {
    return this.outcome(async () => {
      const response = await this.request(path);
      return {
        acknowledged: response.status === 200,
        status: response.status,
        text: visibleText(await response.text()),
      };
    });
  }

  private async outcome(send: () => Promise<Outcome>): Promise<Outcome> {
    try {
      return await send();
    } catch (error) {
      const e = error as Error & { cause?: Error };
      return {
        acknowledged: false,
        status: 0,
        text: "",
        transportError: `${e.name}: ${e.cause?.message ?? e.message}`,
      };
    }
  }
}

function unescapeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The form's message: a refused no-JS post re-renders the page with the action's state in the RSC payload. */
function formMessage(html: string) {
  return /"message":"((?:[^"\\]|\\.)*)"/.exec(html)?.[1] ?? visibleText(html);
}

function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
