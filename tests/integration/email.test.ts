import { createRequire } from "node:module";
import EmailProvider, { type EmailConfig } from "next-auth/providers/email";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SMTP_USER, startSmtpServer, type TestSmtpServer } from "./helpers/smtp";

// next-auth's Email provider, whose default sendVerificationRequest imports nodemailer itself,
// through a real SMTP server (smtp-server) read back with mailparser. Our own mail goes through the
// outbox (tests/integration/outbox.test.ts). package.json overrides
// next-auth's optional nodemailer peer (^7) with the nodemailer we ship; this proves both still send.

const BOUNCE = "bounce@example.org";
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer({ rejectRecipient: (address) => address === BOUNCE });
  // env() reads and caches the environment on first use: set it before src/server/email.ts loads.
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("SMTP_FROM", "Policy Commons <no-reply@policy.test>");
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
