import { createRequire } from "node:module";
import EmailProvider, { type EmailConfig } from "next-auth/providers/email";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SMTP_USER, startSmtpServer, type TestSmtpServer } from "./helpers/smtp";

// Both ways this app can send email, through a real SMTP server (smtp-server) and read back with
// mailparser: our own sendEmails (src/server/email.ts, configured by SMTP_URL) and next-auth's Email
// provider, whose default sendVerificationRequest imports nodemailer itself. package.json overrides
// next-auth's optional nodemailer peer (^7) with the nodemailer we ship; this proves both still send.

const BOUNCE = "bounce@example.org";
let smtp: TestSmtpServer;
let email: typeof import("@/server/email");

beforeAll(async () => {
  smtp = await startSmtpServer({ rejectRecipient: (address) => address === BOUNCE });
  // env() reads and caches the environment on first use: set it before src/server/email.ts loads.
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("SMTP_FROM", "Policy Commons <no-reply@policy.test>");
  email = await import("@/server/email");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp?.close();
});

beforeEach(() => {
  smtp.received.length = 0;
});

describe("email", () => {
  it("next-auth's Email provider loads the same nodemailer as our code (the override in package.json)", () => {
    const ours = createRequire(import.meta.url).resolve("nodemailer");
    const nextAuths = createRequire(createRequire(import.meta.url).resolve("next-auth/providers/email")).resolve(
      "nodemailer",
    );
    expect(nextAuths).toBe(ours);
  });

  it("sendEmails delivers each message through SMTP_URL, authenticated, from SMTP_FROM", async () => {
    expect(email.emailEnabled()).toBe(true);
    const sent = await email.sendEmails([
      {
        to: "amara@example.org",
        subject: "Ben replied to your post",
        text: "Ben replied.\n\nhttp://localhost:3000/threads/1",
      },
      {
        to: "ben_k@example.org",
        subject: "You were mentioned: «Ending the five-week wait»",
        text: "Amara mentioned you — ünïcode survives.",
      },
    ]);
    expect(sent).toBe(2);
    const [first, second] = await smtp.waitFor(2);
    expect(first!.user).toBe(SMTP_USER);
    expect(first!.envelope).toEqual({ from: "no-reply@policy.test", to: ["amara@example.org"] });
    expect(first!.mail.from?.value).toEqual([{ name: "Policy Commons", address: "no-reply@policy.test" }]);
    expect(first!.mail.subject).toBe("Ben replied to your post");
    expect(first!.mail.text?.trim()).toBe("Ben replied.\n\nhttp://localhost:3000/threads/1");
    expect(second!.envelope.to).toEqual(["ben_k@example.org"]);
    expect(second!.mail.subject).toBe("You were mentioned: «Ending the five-week wait»");
    expect(second!.mail.text?.trim()).toBe("Amara mentioned you — ünïcode survives.");
  });

  it("sendEmails logs a refused recipient and still delivers the others", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const sent = await email.sendEmails([
        { to: "gus@example.org", subject: "one", text: "1" },
        { to: BOUNCE, subject: "two", text: "2" },
        { to: "kwame@example.org", subject: "three", text: "3" },
      ]);
      expect(sent).toBe(2);
      const arrived = await smtp.waitFor(2);
      expect(arrived.map((r) => r.envelope.to[0])).toEqual(["gus@example.org", "kwame@example.org"]);
      expect(logged).toHaveBeenCalledOnce();
      expect(JSON.parse(String(logged.mock.calls[0]![0]))).toMatchObject({
        level: "error",
        message: "email failed",
        subject: "two",
      });
    } finally {
      logged.mockRestore();
    }
  });

  describe("next-auth's Email provider (default sendVerificationRequest)", () => {
    // next-auth merges a provider's `options` over its defaults before calling it (core/lib/providers).
    const provider = () => {
      const { options, ...defaults } = EmailProvider({
        server: smtp.url,
        from: "Policy Commons <sign-in@policy.test>",
      });
      return { ...defaults, ...options } as EmailConfig;
    };
    const link =
      "http://localhost:3000/api/auth/callback/email?callbackUrl=%2F&token=4f2a9c&email=newcomer%40example.org";
    const request = (identifier: string) =>
      provider().sendVerificationRequest({
        identifier,
        url: link,
        expires: new Date(Date.now() + 86_400_000),
        provider: provider(),
        token: "4f2a9c",
        theme: { colorScheme: "auto" },
      });

    it("sends the sign-in link", async () => {
      await request("newcomer@example.org");
      const [received] = await smtp.waitFor(1);
      expect(received!.user).toBe(SMTP_USER);
      expect(received!.envelope).toEqual({ from: "sign-in@policy.test", to: ["newcomer@example.org"] });
      expect(received!.mail.subject).toBe("Sign in to localhost:3000");
      expect(received!.mail.text).toContain(link);
      expect(received!.mail.html || "").toContain(`href="${link}"`);
    });

    it("throws when the server refuses the recipient", async () => {
      await expect(request(BOUNCE)).rejects.toThrow(/550 Mailbox bounce@example.org unavailable/);
      expect(smtp.received).toEqual([]);
    });
  });
});
