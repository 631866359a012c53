import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/form-fields";
import { UNREADABLE_FORM_MESSAGE } from "@/lib/request-limits";
import { SESSION_ENDED_MESSAGE } from "@/lib/session-messages";
import { getCurrentUser } from "./auth/current-user";
import type { CurrentUser } from "./auth/session-store";
import { isAppError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "./errors";
import { logError } from "./log";

/** What every form gets back: a message, errors next to fields, and what was typed. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** Secrets the person sees this once and never again (new recovery codes); never stored in the page. */
  shownOnce?: string[];
  /** Done: the page goes here itself (see navigateAfter). */
  navigateTo?: string;
  /** What the action left, for a page that shows it in place without reloading (a post's reaction counts). */
  result?: Record<string, string | number | boolean>;
};

export const initialFormState: FormState = { ok: false };

// biome-ignore lint/suspicious/noConfusingVoidType: a handler returns its success message or nothing at all (it redirects, or has nothing to say); with undefined, handlers typed Promise<void> would no longer fit
type HandlerResult = Promise<string | void | { message: string; shownOnce: string[] } | Navigation | Outcome>;

/** What the action left, for the running page to show in place (FormState.result). */
type Outcome = { result: Record<string, string | number | boolean> };

/** An action's "done, now go to this page", for the running page to follow (navigateAfter). */
type Navigation = { navigateTo: string };

/**
 * Ends an action by taking the person to `path`. The running page's own call (React sends it with
 * Next's Next-Action header, or the form posts to a fast path: answerScripted) gets the address
 * back and navigates there itself (useWatchedAction): redirect() would have Next render the whole
 * target page into the action's answer, which for a long thread cost far more than the write. A
 * plain form post, without JavaScript, is redirected.
 */
export function navigateAfter(path: string): Navigation {
  return { navigateTo: path };
}

/**
 * For an action whose running page shows the outcome in place (a reaction): a plain form post,
 * without JavaScript, is redirected to `path` (303, so a reload does not post again); the running
 * page's own call carries on and gets the action's answer.
 */
export async function redirectPlainPost(path: string): Promise<void> {
  if (!(await fromRunningPage())) redirect(path);
}

/** React sends an action called by the running page with Next's Next-Action header; a plain form post has none. */
async function fromRunningPage() {
  return (await headers()).has("next-action");
}

type Handler<S extends z.ZodType, U> = (input: z.infer<S>, context: { user: U; formData: FormData }) => HandlerResult;

/** Fields never echoed back to the browser. */
const SECRET_FIELDS = /password/i;

function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // Line breaks as the textarea holds them (LF): the form is rebuilt from these.
    if (typeof value === "string" && !SECRET_FIELDS.test(key) && !key.startsWith("$ACTION"))
      values[key] = value.replace(/\r\n?/g, "\n");
  }
  return values;
}

/**
 * The form's fields for the schema. Browsers send a textarea's line breaks as CRLF, so one line
 * break would count as two characters against a limit the field's counter shows as one; text is
 * stored with LF.
 */
function fieldsOf(formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries())
    out[key] = typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
  return out;
}

/** Fields holding text that could never be stored, each with the message shown next to it. */
function unstorableFields(formData: FormData): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !isStorableText(value))
      out[key] = UNSTORABLE_TEXT_MESSAGE;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    // Nested fields (sections.0.heading) keep their full path, matching the input names.
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Every Server Action is a public POST endpoint, so each one goes through here:
 * session check, zod parsing, and mapping errors to messages a person can act on.
 * The handler may return a success message, call redirect(), or end with navigateAfter().
 */
type Options = {
  /**
   * Checks that need the database (is this username taken?), made also when the schema refuses
   * the form, so that every problem is reported in one round trip. Returns messages by field; the
   * schema's message wins where both speak. The handler must still check for itself.
   */
  alongside?: (fields: Record<string, FormDataEntryValue>) => Promise<Record<string, string>>;
};

/** Who asked: Next's Server Action machinery, or a script of our own page through a fast path. */
type Caller = "server-action" | "script";

function makeAction<S extends z.ZodType, U>(
  schema: S,
  handler: Handler<S, U>,
  loadUser: () => Promise<U | null>,
  requireUser: boolean,
  options: Options = {},
  caller: Caller = "server-action",
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    // A Server Action is a public endpoint: its arguments are whatever the request encoded,
    // not necessarily the form's FormData. Answer anything else with a message, not a crash.
    if (!(formData instanceof FormData)) return { ok: false, message: UNREADABLE_FORM_MESSAGE };
    const values = typedValues(formData);
    try {
      const user = await loadUser();
      if (requireUser && !user) return { ok: false, message: SESSION_ENDED_MESSAGE, values };
      // Every problem at once: text that could never be stored, and whatever the schema finds.
      const unstorable = unstorableFields(formData);
      const fields = fieldsOf(formData);
      const parsed = schema.safeParse(fields);
      if (unstorable || !parsed.success) {
        const alongside = options.alongside && !unstorable ? await options.alongside(fields) : {};
        const fieldErrors = { ...alongside, ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...unstorable };
        return { ok: false, message: "Please correct the highlighted fields.", fieldErrors, values };
      }
      const result = await handler(parsed.data, { user: user as U, formData });
      if (result && typeof result === "object" && "navigateTo" in result) {
        if (caller === "server-action" && !(await fromRunningPage())) redirect(result.navigateTo);
        return { ok: true, navigateTo: result.navigateTo };
      }
      if (result && typeof result === "object" && "result" in result) return { ok: true, result: result.result };
      if (result && typeof result === "object")
        return { ok: true, message: result.message, shownOnce: result.shownOnce };
      return { ok: true, message: result ?? undefined };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are errors Next must see
      if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      if (isDatabaseUnavailable(error)) {
        logError("action failed: database unavailable", error);
        return { ok: false, message: UNAVAILABLE_MESSAGE, values };
      }
      const reference = randomUUID().slice(0, 8);
      logError("action failed", error, { reference });
      return {
        ok: false,
        message: `Something went wrong on our side (reference ${reference}). Nothing was saved; please try again.`,
        values,
      };
    }
  };
}

/** An action for signed-in people only. */
export function authedAction<S extends z.ZodType>(schema: S, handler: Handler<S, CurrentUser>) {
  return makeAction(schema, handler, getCurrentUser, true);
}

/** An action anyone may call (registration); the user is null when signed out. */
export function publicAction<S extends z.ZodType>(
  schema: S,
  handler: Handler<S, CurrentUser | null>,
  options?: Options,
) {
  return makeAction(schema, handler, getCurrentUser, false, options);
}

/**
 * The answer an authedAction with this schema and handler gives, for a form our page posts to a
 * fast path (src/composition/fast-paths/) instead of Next's Server Action endpoint: the same
 * checks, messages and echoed values. `who` says who is signed in (null answers "Your session has
 * ended"); asked inside the wrapper, so a database away for a moment is "try again", not a 500.
 */
export function answerScripted<S extends z.ZodType>(
  schema: S,
  handler: Handler<S, CurrentUser>,
  who: () => Promise<CurrentUser | null>,
  formData: FormData,
): Promise<FormState> {
  return makeAction(schema, handler, who, true, {}, "script")(initialFormState, formData);
}
