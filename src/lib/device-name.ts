// A person's signed-in browsers in words ("Chrome on Android", "Safari on iPhone") rather than
// the 150-character strings browsers send. Bowser (MIT) knows the browsers; the wording is ours.
import Bowser from "bowser";

/** Bowser's names, shortened to what people call them. */
const BROWSER_NAMES: Record<string, string> = {
  "Microsoft Edge": "Edge",
  "Samsung Internet for Android": "Samsung Internet",
  "Internet Explorer": "Internet Explorer",
  "Opera Touch": "Opera",
};
const OS_NAMES: Record<string, string> = { "Chrome OS": "ChromeOS" };

/** "Chrome on Android", "Safari on iPhone", "Firefox on Windows", "A browser on Linux", or "Unknown browser". */
export function deviceName(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? "").trim();
  if (ua === "") return "Unknown browser";
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(ua);
  } catch {
    return "Unknown browser";
  }
  const browser = parsed.browser.name ? (BROWSER_NAMES[parsed.browser.name] ?? parsed.browser.name) : null;
  // On iOS the device says more than the system: "Safari on iPhone", "Chrome on iPad".
  const model = parsed.os.name === "iOS" ? parsed.platform.model : undefined;
  const os = parsed.os.name ? (OS_NAMES[parsed.os.name] ?? parsed.os.name) : null;
  const where = model || os;
  if (browser && where) return `${browser} on ${where}`;
  if (browser) return browser;
  if (where) return `A browser on ${where}`;
  return "Unknown browser";
}
