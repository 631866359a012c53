import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteMarkdown } from "@/lib/markdown/quote";
import { renderMarkdown } from "@/lib/markdown/render.mjs";
import { schemeOf, tokenize, unsafeParts } from "./fixtures/html-safety";
import { XSS_PAYLOADS } from "./fixtures/xss-payloads";

const html = (markdown: string, options?: { headingOffset?: number }) => renderMarkdown(markdown, options).html;
const EXTERNAL_REL = 'rel="nofollow ugc noopener noreferrer"';

describe("renderMarkdown: GitHub-flavoured Markdown", () => {
  it("renders tables", () => {
    const out = html("| Service | Wait |\n|---|--:|\n| GP | 3 weeks |");
    expect(out).toContain("<table>");
    expect(out).toContain("<th>Service</th>");
    expect(out).toMatch(/<td[^>]*>3 weeks<\/td>/);
  });

  it("renders task lists as disabled checkboxes", () => {
    const out = html("- [x] drafted\n- [ ] reviewed");
    expect(out).toContain('<ul class="contains-task-list">');
    expect(out).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> drafted</li>');
    expect(out).toContain('<li class="task-list-item"><input type="checkbox" disabled> reviewed</li>');
  });

  it("renders strikethrough", () => {
    expect(html("~~three~~ four weeks")).toBe("<p><del>three</del> four weeks</p>");
  });

  it("turns bare URLs, www. addresses and email addresses into links", () => {
    const out = html("See https://gov.example/report, www.example.org and write to clerk@council.example");
    expect(out).toContain(`<a href="https://gov.example/report" ${EXTERNAL_REL}>https://gov.example/report</a>`);
    expect(out).toContain(`<a href="http://www.example.org" ${EXTERNAL_REL}>www.example.org</a>`);
    expect(out).toContain('<a href="mailto:clerk@council.example">clerk@council.example</a>');
  });

  it("keeps code as text", () => {
    expect(html("`<b>x</b>`")).toBe("<p><code>&#x3C;b>x&#x3C;/b></code></p>");
  });

  it("drops raw HTML but keeps its text", () => {
    expect(html("a <b>bold</b> claim")).toBe("<p>a bold claim</p>");
  });
});

describe("renderMarkdown: headings", () => {
  it("shifts headings down two levels by default (# becomes <h3>)", () => {
    expect(html("# Title")).toBe("<h3>Title</h3>");
    expect(html("## Part")).toBe("<h4>Part</h4>");
  });

  it("never goes below <h6>", () => {
    expect(html("#### a\n\n###### b")).toBe("<h6>a</h6>\n<h6>b</h6>");
  });

  it("takes the offset as an option", () => {
    expect(html("# Title", { headingOffset: 0 })).toBe("<h1>Title</h1>");
    expect(html("# Title", { headingOffset: 1 })).toBe("<h2>Title</h2>");
    expect(html("# Title", { headingOffset: 3 })).toBe("<h4>Title</h4>");
  });
});

describe("renderMarkdown: @mentions", () => {
  it("links mentions to profiles and lists them lower-cased, once each", () => {
    const { html: out, mentions } = renderMarkdown("Thanks @Alice and @alice, and @bob_1 too. @ALICE again.");
    expect(out).toContain('<a href="/people/alice" class="mention">@Alice</a>');
    expect(out).toContain('<a href="/people/alice" class="mention">@alice</a>');
    expect(out).toContain('<a href="/people/bob_1" class="mention">@bob_1</a>');
    expect(mentions).toEqual(["alice", "bob_1"]);
  });

  it("finds mentions at the start, in emphasis, headings, lists and tables", () => {
    const { mentions } = renderMarkdown(
      "@ann said\n\n**@ben** _@cat_\n\n# @dan\n\n- @eve\n\n| @fay |\n|---|\n| @gus |",
    );
    expect(mentions.sort()).toEqual(["ann", "ben", "cat", "dan", "eve", "fay", "gus"]);
  });

  it("ignores mentions in inline code and code blocks", () => {
    const { html: out, mentions } = renderMarkdown("`@ann` and\n\n```\n@ben\n```\n\n    @cat indented");
    expect(mentions).toEqual([]);
    expect(out).not.toContain("/people/");
  });

  it("ignores mentions inside existing links, also in formatted link text", () => {
    const { html: out, mentions } = renderMarkdown(
      "[@ann](/x) [**@ben** and _@cat_](https://e.example) [see @dan][r] <https://e.example/@eve> https://e.example/@fay\n\n[r]: /y",
    );
    expect(mentions).toEqual([]);
    expect(out).not.toContain("/people/");
    // No link inside a link.
    expect(out).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /);
  });

  it("ignores email addresses, with or without a dot in the domain", () => {
    const { mentions } = renderMarkdown("Write to clerk@council.example or ann@localhost or ben_c@intranet.");
    expect(mentions).toEqual([]);
  });

  it("ignores handles that are too short or too long, and @ after a slash or another @", () => {
    const { mentions } = renderMarkdown(`@ab /@abc @@abcd @${"a".repeat(31)}`);
    expect(mentions).toEqual([]);
  });

  it("ignores the alt text of images", () => {
    expect(renderMarkdown("![@ann](/a.png)").mentions).toEqual([]);
  });
});

describe("renderMarkdown: links and images", () => {
  it("marks links to other sites nofollow ugc noopener noreferrer", () => {
    expect(html("[report](https://gov.example/r)")).toBe(
      `<p><a href="https://gov.example/r" ${EXTERNAL_REL}>report</a></p>`,
    );
    expect(html("[r](//gov.example/r)")).toContain(EXTERNAL_REL);
  });

  it("leaves links within the site and email links alone", () => {
    expect(html("[paper](/groups/housing/papers/p)")).toBe('<p><a href="/groups/housing/papers/p">paper</a></p>');
    expect(html("[mail](mailto:a@b.example)")).toBe('<p><a href="mailto:a@b.example">mail</a></p>');
  });

  it("turns images from other sites into links, so that reading a post tells no other site", () => {
    const out = html("![chart](https://img.example/chart.png)");
    expect(out).toBe(`<p><a href="https://img.example/chart.png" ${EXTERNAL_REL}>[chart]</a></p>`);
    expect(out).not.toContain("<img");
  });

  it("drops protocol-relative images to text", () => {
    const out = html("![chart](//img.example/chart.png)");
    expect(out).not.toContain("<img");
    expect(out).toContain("[chart]");
  });

  it("keeps images from the site itself", () => {
    expect(html("![chart](/uploads/chart.png)")).toBe('<p><img src="/uploads/chart.png" alt="chart"></p>');
  });

  it("removes javascript: links but keeps their text", () => {
    expect(html("[click](javascript:alert(1))")).toBe("<p><a>click</a></p>");
  });
});

describe("quoteMarkdown", () => {
  it("quotes every line and names the author", () => {
    expect(quoteMarkdown("  first line\nsecond line\r\nthird  ", "ann")).toBe(
      "> first line\n> second line\n> third\n>\n> — @ann\n\n",
    );
  });

  it("renders as a blockquote that mentions the author", () => {
    const { html: out, mentions } = renderMarkdown(quoteMarkdown("Waiting lists doubled.", "ann"));
    expect(out).toMatch(/^<blockquote>/);
    expect(mentions).toEqual(["ann"]);
  });
});

describe("the HTML safety checker itself", () => {
  // If the checker missed these, the corpus below would pass for nothing.
  it.each([
    ["<script>x</script>", "<script> element"],
    ["<SVG><p>", "<svg> element"],
    ['<img src=x OnError="y">', "onerror attribute"],
    ["<img/onerror=y src=x>", "onerror attribute"],
    ['<p style="color:red">', "style attribute"],
    ['<a href="jav&#x09;ascript:x">', "scheme javascript:"],
    ['<a href=" &#14; javascript:x">', "scheme javascript:"],
    ["<a href='JAVA\nSCRIPT:x'>", "scheme javascript:"],
    ['<a href="javascript&colon;x">', "scheme javascript:"],
    ['<img src="data:image/png;base64,AA">', "scheme data:"],
    ['<form><button formaction="vbscript:x">', "<form> element"],
    ['<button formaction="vbscript:x">', "scheme vbscript:"],
    ['<a href="java&unknownentity;script:x">', "cannot decode"],
  ])("reports %s", (input, problem) => {
    expect(unsafeParts(input).join("\n")).toContain(problem);
  });

  it("does not see tags in comments or attribute values, nor attributes inside unquoted values", () => {
    expect(unsafeParts('<!-- <script> --><p title="<script>">x</p>')).toEqual([]);
    expect(unsafeParts("<img src=x/onerror=y>")).toEqual([]); // src is "x/onerror=y", as in a browser
  });

  it("tells schemes from relative URLs", () => {
    expect(schemeOf("/people/ann")).toBeNull();
    expect(schemeOf("a/b:c")).toBeNull();
    expect(schemeOf("1x:y")).toBeNull();
    expect(schemeOf("?q=a:b")).toBeNull();
    expect(schemeOf("HTTPS://x")).toBe("https");
  });
});

describe("renderMarkdown: XSS corpus", () => {
  it("has at least 60 payloads, each named once", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_PAYLOADS.map((p) => p.name)).size).toBe(XSS_PAYLOADS.length);
  });

  it.each(XSS_PAYLOADS.map((p) => [p.name, p.markdown] as const))("%s", (_name, markdown) => {
    const { html: out, mentions } = renderMarkdown(markdown);
    expect(unsafeParts(out), out).toEqual([]);
    for (const handle of mentions) expect(handle).toMatch(/^[a-z0-9_]{3,30}$/);
  });

  it("keeps a safe link that sits next to a dangerous one", () => {
    const out = html("[good](https://ok.example) [bad](javascript:alert(1))");
    expect(tokenize(out).tags.filter((t) => t.attributes.some((a) => a.name === "href"))).toHaveLength(1);
  });
});

describe("renderMarkdown: properties", () => {
  const checkSafe = (markdown: string) => {
    const { html: out, mentions } = renderMarkdown(markdown);
    const problems = unsafeParts(out);
    if (problems.length > 0) throw new Error(`${problems.join("; ")}\n${out}`);
    if (new Set(mentions).size !== mentions.length || mentions.some((m) => !/^[a-z0-9_]{3,30}$/.test(m))) {
      throw new Error(`bad mentions ${JSON.stringify(mentions)}`);
    }
  };

  // Pieces of the corpus: whole payloads, and slices of them cut at arbitrary points.
  const fragment = fc.oneof(
    fc.constantFrom(...XSS_PAYLOADS.map((p) => p.markdown)),
    fc
      .tuple(fc.constantFrom(...XSS_PAYLOADS.map((p) => p.markdown)), fc.nat(), fc.nat())
      .map(([s, a, b]) => s.slice(Math.min(a, b) % (s.length + 1), Math.max(a, b) % (s.length + 1) || s.length)),
    fc.constantFrom(
      "[",
      "](",
      ")",
      "![",
      "<",
      ">",
      "\n",
      "\n\n",
      "    ",
      "`",
      "```",
      '"',
      "'",
      "&#",
      ";",
      ":",
      "@ann",
      "javascript:",
      "data:",
      "> ",
      "- ",
      "| a |\n|---|\n",
      "[r]: ",
      "\t",
      "\u0000",
    ),
    fc.string({ maxLength: 20 }),
  );

  it("never throws, and the output stays safe, for arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), checkSafe), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 300 }), checkSafe), { numRuns: 300 });
  });

  it("never throws, and the output stays safe, for text built from pieces of the XSS corpus", () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join("")),
        checkSafe,
      ),
      { numRuns: 500 },
    );
  });
});
