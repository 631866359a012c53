import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { firstLink } from "@/lib/email-body";
import { env } from "../env";

// Where mail goes. With SMTP_URL, to that server. Without it (one machine, `npm start`), each
// message is written as an .eml file under MAIL_DIR (default .data/mail) and its subject and first
// link are printed, so a person can confirm an account or reset a password with no mail server.

export type Envelope = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
};

/** Real email is configured (SMTP_URL); otherwise messages are written to files. */
export function emailEnabled(): boolean {
  return !!env().SMTP_URL;
}

export function mailDirectory(): string {
  // turbopackIgnore: a path known only at run time; without it the build traces the whole project.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env().MAIL_DIR);
}

let smtp: Transporter | undefined;
let files: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  // Short timeouts: a worker holds each message for a few minutes at most (see deliver.ts).
  smtp ??= nodemailer.createTransport(url, {
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as object);
  return smtp;
}

/** Sends one message; throws what nodemailer throws (with `responseCode` when the server answered). */
export async function transmit(message: Envelope): Promise<void> {
  const mail = { from: env().SMTP_FROM, ...message };
  const url = env().SMTP_URL;
  if (url) {
    await smtpTransport(url).sendMail(mail);
    return;
  }
  files ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = (await files.sendMail(mail)) as { message: Buffer };
  const dir = mailDirectory();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${message.messageId.replace(/[^a-zA-Z0-9-]/g, "").slice(0, 40)}.eml`);
  await writeFile(file, info.message, { mode: 0o600 });
  // For the person running the site on one machine: what was "sent", and the link to follow.
  const link = firstLink(message.text);
  console.log(
    `✉  To ${message.to}: ${message.subject}${link ? `\n   ${link}` : ""}\n   (${path.relative(process.cwd(), file)})`,
  );
}
