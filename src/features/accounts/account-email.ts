import "server-only";
import { formatDateTime } from "@/lib/dates";
import {
  confirmEmailChangePath,
  confirmEmailPath,
  FORGOT_PASSWORD_PATH,
  resetPasswordPath,
  SECURITY_SETTINGS_PATH,
} from "@/lib/paths";
import type { OutgoingEmail } from "@/server/email/outbox";
import { mailOrigin } from "@/server/site-origin";

// The words of the account's own email: confirmation, reset, and changing the address. Each says
// what the link does, how long it lasts, and what to do if the person did not ask for it.

type Recipient = { userId: string; to: string; displayName: string };

const signOff = "— Policy Commons";

export function confirmationEmail(r: Recipient, token: string, returnTo?: string): OutgoingEmail {
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject: "Confirm your email address for Policy Commons",
    text: [
      `Hello ${r.displayName},`,
      "Confirm that this is your address, and you can post, propose changes and vote:",
      `${mailOrigin()}${confirmEmailPath(token, returnTo)}`,
      "The link works for 3 days. If you did not make an account on Policy Commons, ignore this email: nothing happens without the link.",
      signOff,
    ].join("\n\n"),
  };
}

export function passwordResetEmail(r: Recipient, token: string): OutgoingEmail {
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject: "Reset your Policy Commons password",
    text: [
      `Hello ${r.displayName},`,
      "Someone (we hope you) asked to reset the password of your Policy Commons account. Choose a new one here:",
      `${mailOrigin()}${resetPasswordPath(token)}`,
      "The link works once, for one hour. Setting a new password signs out every browser signed in to your account.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
      signOff,
    ].join("\n\n"),
  };
}

export function emailChangeConfirmation(r: Recipient, token: string): OutgoingEmail {
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject: "Confirm your new email address for Policy Commons",
    text: [
      `Hello ${r.displayName},`,
      "Confirm that Policy Commons should use this address for your account from now on:",
      `${mailOrigin()}${confirmEmailChangePath(token)}`,
      "The link works for 24 hours. Until you follow it, your account keeps its old address. If you did not ask for this, ignore this email.",
      signOff,
    ].join("\n\n"),
  };
}

/** To the old address when a change is asked for: the owner hears of it before anything changes. */
export function emailChangeRequestedNotice(r: Recipient, newAddress: string, at: Date): OutgoingEmail {
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject: "Your Policy Commons email address is about to change",
    text: [
      `Hello ${r.displayName},`,
      `On ${formatDateTime(at)} someone signed in to your account asked to change its email address to ${maskAddress(newAddress)}. Nothing changes unless the link sent to that address is followed.`,
      `If this was not you, change your password now and sign out other browsers: ${mailOrigin()}${SECURITY_SETTINGS_PATH}`,
      `If you cannot sign in, reset your password: ${mailOrigin()}${FORGOT_PASSWORD_PATH}`,
      signOff,
    ].join("\n\n"),
  };
}

/** To the old address once the change is confirmed. */
export function emailChangedNotice(r: Recipient, newAddress: string): OutgoingEmail {
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject: "Your Policy Commons email address has changed",
    text: [
      `Hello ${r.displayName},`,
      `Your account now uses ${maskAddress(newAddress)}. Email from Policy Commons goes there from now on.`,
      `If this was not you, reply to this email or write to the site's administrators at once, and reset your password: ${mailOrigin()}${FORGOT_PASSWORD_PATH}`,
      signOff,
    ].join("\n\n"),
  };
}

/** What changed in an account's security, for securityNotice. */
export type SecurityChange = "PASSWORD_CHANGED" | "TWO_STEP_ON" | "TWO_STEP_OFF" | "RECOVERY_CODES_REPLACED";

const SECURITY_CHANGES: Record<SecurityChange, { subject: string; happened: string }> = {
  PASSWORD_CHANGED: {
    subject: "Your Policy Commons password was changed",
    happened: "the password of your account was changed, and every other browser was signed out",
  },
  TWO_STEP_ON: {
    subject: "Two-step sign-in is now on for your Policy Commons account",
    happened: "two-step sign-in was turned on for your account: signing in now also asks for a code from an app",
  },
  TWO_STEP_OFF: {
    subject: "Two-step sign-in was turned off for your Policy Commons account",
    happened: "two-step sign-in was turned off for your account: signing in now asks only for the password",
  },
  RECOVERY_CODES_REPLACED: {
    subject: "New recovery codes were made for your Policy Commons account",
    happened: "new recovery codes were made for your account's two-step sign-in, and the old ones stopped working",
  },
};

/** After a change to how the account signs in: its owner hears of it, in case it was not them. */
export function securityNotice(r: Recipient, change: SecurityChange, at: Date): OutgoingEmail {
  const { subject, happened } = SECURITY_CHANGES[change];
  return {
    userId: r.userId,
    to: r.to,
    category: "ACCOUNT",
    subject,
    text: [
      `Hello ${r.displayName},`,
      `On ${formatDateTime(at)} ${happened}.`,
      "If that was you, there is nothing to do.",
      `If it was not, reset your password now (${mailOrigin()}${FORGOT_PASSWORD_PATH}), then check the browsers signed in to your account and sign out the ones you do not know (${mailOrigin()}${SECURITY_SETTINGS_PATH}).`,
      signOff,
    ].join("\n\n"),
  };
}

/** When the new address already has an account: told there, nothing said to the one who asked. */
export function addressInUseNotice(to: string): OutgoingEmail {
  return {
    userId: null,
    to,
    category: "ACCOUNT",
    subject: "Someone asked to use this address on Policy Commons",
    text: [
      "Hello,",
      "Someone signed in to a Policy Commons account asked to move it to this address. This address already belongs to an account, so nothing changed.",
      `If you have forgotten your password, you can reset it: ${mailOrigin()}${FORGOT_PASSWORD_PATH}`,
      signOff,
    ].join("\n\n"),
  };
}

/** "a•••@example.org": enough for the owner to recognise, little for anyone else. */
export function maskAddress(address: string): string {
  const [local = "", domain = ""] = address.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
