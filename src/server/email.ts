import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env";
import { logError } from "./log";

// Email is optional: with SMTP_URL set, notifications are also emailed to those
// who chose it; without it the platform works and the notifications page says so.

let transport: Transporter | null | undefined;

function transporter(): Transporter | null {
  if (transport === undefined) transport = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return transport;
}

export function emailEnabled(): boolean {
  return !!env().SMTP_URL;
}

export type OutgoingEmail = { to: string; subject: string; text: string };

/** Sends best-effort after the change is committed; a failed email never undoes the change. */
export async function sendEmails(messages: OutgoingEmail[]): Promise<number> {
  const t = transporter();
  if (!t || messages.length === 0) return 0;
  let sent = 0;
  for (const message of messages) {
    try {
      await t.sendMail({ from: env().SMTP_FROM, ...message });
      sent += 1;
    } catch (error) {
      logError("email failed", error, { subject: message.subject });
    }
  }
  return sent;
}
