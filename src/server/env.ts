import "server-only";
import { z } from "zod";
import { parseTrustProxy } from "@/lib/client-address";
import { parseTwoStepRequirement } from "./authz/two-step-requirement";

// One typed place for configuration; every name here is documented in .env.example.
const ZEnv = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded database)"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_ID: z.string().optional(),
  GOOGLE_SECRET: z.string().optional(),
  /** Multiplies every rate limit; 1 in production. */
  RATE_LIMIT_MULTIPLIER: z.coerce.number().int().min(1).max(1000).default(1),
  /** smtp://user:pass@host:587 — without it, mail is written to MAIL_DIR as .eml files instead. */
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("Policy Commons <no-reply@localhost>"),
  /** Without SMTP_URL, outgoing mail is written here as .eml files (relative to the app's directory). */
  MAIL_DIR: z.string().default(".data/mail"),
  /** How many reverse proxies of ours stand in front of the app (0: none, X-Forwarded-* are ignored). See src/lib/client-address.ts. */
  TRUST_PROXY: z
    .string()
    .default("0")
    .transform((value, ctx) => {
      const hops = parseTrustProxy(value);
      if (hops === null) {
        ctx.addIssue({
          code: "custom",
          message: "TRUST_PROXY must be the number of reverse proxies in front of the app (0, 1, 2, …)",
        });
        return z.NEVER;
      }
      return hops;
    }),
  /** Where people write about their data (an email address or a web address), shown on /privacy. */
  PRIVACY_CONTACT: z.string().max(200).optional(),
  /** Whose powers need two-step sign-in: "admins", "group-owners", both (comma-separated), or empty for none. */
  REQUIRE_TWO_STEP_FOR: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const roles = parseTwoStepRequirement(value);
      if (roles === null) {
        ctx.addIssue({
          code: "custom",
          message: 'REQUIRE_TWO_STEP_FOR must be empty, "admins", "group-owners" or "admins,group-owners"',
        });
        return z.NEVER;
      }
      return roles;
    }),
  /** Set to "0" to run no background jobs in this process (closing proposals, pruning); on by default. */
  JOBS_ENABLED: z.enum(["0", "1"]).default("1"),
});

let cached: z.infer<typeof ZEnv> | undefined;

export function env() {
  // An empty variable (as copied from .env.example) means "not set".
  cached ??= ZEnv.parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));
  return cached;
}
