// The short guide to Markdown under every Markdown field, folded away until asked for: a
// <details>, so it opens by keyboard and without JavaScript.

const ROWS: { write: string; get: string }[] = [
  { write: "**bold**", get: "bold" },
  { write: "_italic_", get: "italic" },
  { write: "## Heading", get: "a heading" },
  { write: "- item", get: "a bulleted list (one item a line)" },
  { write: "1. item", get: "a numbered list" },
  { write: "> quoted words", get: "a quote" },
  { write: "[words](https://example.org)", get: "a link" },
  { write: "@username", get: "mentions someone (they are told)" },
  { write: "`code`", get: "code" },
];

export function FormattingHelp() {
  return (
    <details className="mt-1 text-sm">
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent underline">
        Formatting help
      </summary>
      <div className="mt-1 rounded-md border border-line bg-white p-3">
        <p className="text-muted">
          Text is written in Markdown. A blank line starts a new paragraph. The toolbar and Ctrl+B, Ctrl+I, Ctrl+K (⌘ on
          a Mac) add the marks for you.
        </p>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">Markdown you can use</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3 font-semibold">
                Type
              </th>
              <th scope="col" className="py-1 font-semibold">
                To get
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.write} className="border-t border-line">
                <td className="py-1 pr-3">
                  <code className="break-all rounded bg-slate-100 px-1">{row.write}</code>
                </td>
                <td className="py-1">{row.get}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
