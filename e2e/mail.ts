import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser } from "mailparser";

// The mail the app "sent": without SMTP_URL it writes .eml files to MAIL_DIR (set by scripts/test.ts
// for the e2e server), as it does for anyone running `npm start` without a mail server.

export type ReceivedMail = {
  subject: string;
  text: string;
  link: string | null;
  /** Each header as sent, by lower-case name ("list-unsubscribe" → "<http://…>"). */
  headers: Map<string, string>;
  /** When it was written (its Date header), in ms. */
  date: number;
};

async function readAll(): Promise<(ReceivedMail & { to: string; file: string })[]> {
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error("MAIL_DIR is not set: run the e2e tests through `npm test -- --e2e`.");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const mail = await simpleParser(readFileSync(path.join(dir, file)));
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      const text = mail.text ?? "";
      return {
        file,
        to: to?.value[0]?.address ?? "",
        subject: mail.subject ?? "",
        text,
        link: text.match(/https?:\/\/\S+?(?=[.,;:!?)]?(?:\s|$))/)?.[0] ?? null,
        headers: new Map(mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()])),
        date: mail.date?.getTime() ?? 0,
      };
    }),
  );
}

/**
 * The newest message to `address` whose subject contains `subject`, waiting for the worker to send
 * it; with `since`, only one written after that moment (a link sent again replaces the old one).
 */
export async function mailTo(address: string, subject: string, since?: Date): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  // The Date header has whole seconds.
  const after = since ? Math.floor(since.getTime() / 1000) * 1000 : 0;
  await expect
    .poll(
      async () => {
        found = (await readAll())
          .filter((m) => m.to === address.toLowerCase() && m.subject.includes(subject) && m.date >= after)
          .at(-1);
        return !!found;
      },
      { timeout: 30_000, message: `an email to ${address} about "${subject}"` },
    )
    .toBe(true);
  return found!;
}
