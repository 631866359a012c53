import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Without SMTP_URL (one machine, `npm start`), mail is written as .eml files and announced on the
// console with its first link, so a person can confirm an account with no mail server.

const dir = mkdtempSync(path.join(tmpdir(), "mail-"));
let db: typeof import("@/server/db").db;

beforeAll(async () => {
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("MAIL_DIR", dir);
  ({ db } = await import("@/server/db"));
  await (await import("./helpers/reset-db")).resetDatabase();
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("mail without an SMTP server", () => {
  it("writes each message as an .eml file and prints its subject and first link", async () => {
    const { queueEmail } = await import("@/server/email/outbox");
    const { deliverDueEmails } = await import("@/server/email/deliver");
    await db.$transaction((tx) =>
      queueEmail(tx, {
        userId: null,
        to: "amara@example.org",
        category: "ACCOUNT",
        subject: "Confirm your email address",
        text: "Hello.\n\nConfirm here: http://localhost:3000/confirm-email?token=abc.\n\nThanks.",
      }),
    );
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      expect(await deliverDueEmails()).toMatchObject({ sent: 1 });
    } finally {
      log.mockRestore();
    }
    const files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(path.join(dir, files[0]!)));
    expect(mail.subject).toBe("Confirm your email address");
    expect(mail.to).toMatchObject({ value: [{ address: "amara@example.org" }] });
    expect(mail.text).toContain("http://localhost:3000/confirm-email?token=abc");
    expect(mail.html).toContain('href="http://localhost:3000/confirm-email?token=abc"');
    const announcement = printed.find((line) => line.includes("Confirm your email address"));
    expect(announcement).toContain("To amara@example.org");
    expect(announcement).toContain("http://localhost:3000/confirm-email?token=abc\n");
    expect(await db.outboxEmail.findFirstOrThrow()).toMatchObject({ status: "SENT" });
  });
});
