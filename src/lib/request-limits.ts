// How large a form submission may be. One number for next.config.ts (Server Actions'
// bodySizeLimit), the proxy (which answers larger requests with 413 and a message before Next
// reads them) and the form components (which stop the browser from sending more, keeping what
// the person typed). No form of this site needs more: the longest texts are far below it.

export const MAX_FORM_BYTES = 1024 * 1024;

/** For a form submission that cannot be read (not FormData, not multipart/form-data). */
export const UNREADABLE_FORM_MESSAGE =
  "This form could not be read, so nothing was saved. Please reload the page and try again.";

export const FORM_TOO_LARGE_MESSAGE =
  "This is more than the site accepts at once (1 MB), so nothing was saved: shorten the text and try again.";

/**
 * The 413 answer to a request over MAX_FORM_BYTES: a page for a form posted without JavaScript
 * (no Next-Action header, and it accepts HTML), JSON for everything else.
 */
export function tooLargeAnswer(headers: { nextAction: boolean; accept: string }): {
  contentType: string;
  body: string;
} {
  if (!headers.nextAction && headers.accept.includes("text/html"))
    return {
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Too large</title><p>${FORM_TOO_LARGE_MESSAGE}</p><p>Use your browser's Back button: what you typed is usually still there.</p></html>`,
    };
  return { contentType: "application/json", body: JSON.stringify({ error: FORM_TOO_LARGE_MESSAGE }) };
}

/** What a browser would send for this form data, near enough: UTF-8 text plus files, with room for the multipart framing. */
export function formDataBytes(formData: FormData): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const [name, value] of formData.entries()) {
    bytes += encoder.encode(name).length + 128; // part headers and boundary
    bytes += typeof value === "string" ? encoder.encode(value).length : value.size;
  }
  return bytes;
}
