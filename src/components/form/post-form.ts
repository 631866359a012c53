import type { FormState } from "@/server/action";

// Sends a form to an endpoint that answers with a FormState (a fast path: src/server/fast-path.ts),
// as useWatchedAction would call the Server Action. Whatever goes wrong on the way, the person gets
// a message and keeps what they typed.

const UNREACHABLE = "The site could not be reached, so your text was not sent. Check your connection and try again.";

function typed(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

export async function postForm(endpoint: string, formData: FormData): Promise<FormState> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      body: formData,
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, message: UNREACHABLE, values: typed(formData) };
  }
  const answer = (await response.json().catch(() => null)) as (FormState & { error?: string }) | null;
  if (answer && typeof answer.ok === "boolean") return answer;
  // A refusal before any form handler ran (too large, cross-site, the server failing): its message, or a general one.
  const message =
    typeof answer?.error === "string"
      ? answer.error
      : "Something went wrong on our side, so nothing was saved. Please try again.";
  return { ok: false, message, values: typed(formData) };
}
