import { describe, expect, it } from "vitest";
import { firstLink, htmlFromText } from "@/lib/email-body";

describe("the HTML part of an email", () => {
  it("keeps paragraphs and line breaks, and links every web address", () => {
    const html = htmlFromText("Subject", "Hello Ada,\n\nRead it: https://example.org/a?b=1&c=2.\nThanks.");
    expect(html).toContain("<p>Hello Ada,</p>");
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.<br>');
  });

  it("escapes whatever a member wrote into a subject or a notice", () => {
    const html = htmlFromText("<script>x</script>", 'Ben said "<img src=x onerror=alert(1)>" & left');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&quot;");
  });

  it("finds the first link, without the full stop after it", () => {
    expect(firstLink("Go to http://localhost:3000/confirm-email?token=abc. Then http://x.org")).toBe(
      "http://localhost:3000/confirm-email?token=abc",
    );
    expect(firstLink("No link here")).toBeNull();
  });
});
