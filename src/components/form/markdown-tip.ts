/** The one-line Markdown reminder shown under every field that takes Markdown. */
export const MARKDOWN_TIP = "Markdown works: **bold**, _italic_, > quote, - list, [link](https://…).";
