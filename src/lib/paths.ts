/**
 * Where every page lives: one module of URL builders, so links, redirects and cache refreshes
 * never drift apart. Pure strings, usable anywhere (server, client, jobs, emails). Query strings
 * and #anchors that only one caller needs are appended by that caller.
 */

// Groups
export const groupPath = (slug: string) => `/groups/${slug}`;
export const groupMembersPath = (slug: string) => `${groupPath(slug)}/members`;
export const groupSettingsPath = (slug: string) => `${groupPath(slug)}/settings`;
export const groupModerationPath = (slug: string) => `${groupPath(slug)}/moderation`;
export const groupLogPath = (slug: string) => `${groupPath(slug)}/log`;
export const groupPapersPath = (slug: string) => `${groupPath(slug)}/papers`;
export const newPaperPath = (groupSlug: string) => `${groupPath(groupSlug)}/papers/new`;
export const newThreadPath = (groupSlug: string) => `${groupPath(groupSlug)}/threads/new`;
/** The group's page, where a visitor joins, sent back to returnTo afterwards. */
export const joinGroupPath = (slug: string, returnTo: string) =>
  `${groupPath(slug)}?returnTo=${encodeURIComponent(returnTo)}`;
/** The Atom feed of a group's publications. */
export const groupFeedPath = (slug: string) => `${groupPath(slug)}/publications.atom`;
/** A group's invitation link. */
export const groupInvitePath = (token: string) => `/invite/${token}`;

// Papers and proposals
export const paperPath = (groupSlug: string, paperSlug: string) => `${groupPath(groupSlug)}/papers/${paperSlug}`;
export const sectionPath = (groupSlug: string, paperSlug: string, anchor: string) =>
  `${paperPath(groupSlug, paperSlug)}#${anchor}`;
export const provenancePath = (groupSlug: string, paperSlug: string, anchor: string) =>
  `${paperPath(groupSlug, paperSlug)}/sections/${anchor}/provenance`;
export const historyPath = (groupSlug: string, paperSlug: string) => `${paperPath(groupSlug, paperSlug)}/history`;
export const paperApiPath = (paperId: string) => `/api/papers/${paperId}`;
/** Renders Markdown as posting would, without storing it (the editors' Preview). */
export const MARKDOWN_PREVIEW_PATH = "/api/markdown/preview";
export const proposalPath = (proposalId: string) => `/proposals/${proposalId}`;
export const proposalEditPath = (proposalId: string) => `${proposalPath(proposalId)}/edit`;

// Publications: permalinks that never change.
export const publicationPath = (groupSlug: string, paperSlug: string, version: number | string) =>
  `${paperPath(groupSlug, paperSlug)}/v/${version}`;
export const publicationDownloadPath = (
  groupSlug: string,
  paperSlug: string,
  version: number,
  format: "markdown" | "html" | "pdf",
) => `${publicationPath(groupSlug, paperSlug, version)}/download/${format}`;
/** "How this was decided" for one section of a published version. */
export const publishedSectionPath = (groupSlug: string, paperSlug: string, version: number, anchor: string) =>
  `${publicationPath(groupSlug, paperSlug, version)}/sections/${anchor}`;

// Discussions
export const threadPath = (threadId: string) => `/threads/${threadId}`;
export const postPath = (threadId: string, postId: string) => `${threadPath(threadId)}/posts/${postId}`;
/** The post's permalink page, scrolled to the post. */
export const postAnchorPath = (threadId: string, postId: string) => `${postPath(threadId, postId)}#post-${postId}`;
export const replyPath = (threadId: string, postId: string) => `${threadPath(threadId)}/replies/${postId}`;
/** Every change of the thread's title. */
export const threadTitleHistoryPath = (threadId: string) => `${threadPath(threadId)}/history`;

// People and accounts
export const personPath = (handle: string) => `/people/${handle}`;
export const dataExportPath = (exportId: string) => `/settings/data/exports/${exportId}`;
export const signInPath = (callbackUrl: string) => `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
/** Where confirming an address leads: the profile, which says so and links back to `returnTo`. */
export const confirmedPath = (returnTo?: string) =>
  `/settings/profile?confirmed=1${returnTo ? `&callbackUrl=${encodeURIComponent(returnTo)}` : ""}`;
/** Where every sign-in lands first: it sends people whose powers wait on two-step sign-in to set it up. */
export const signInContinuePath = (callbackUrl: string) =>
  `/signin/continue?callbackUrl=${encodeURIComponent(callbackUrl)}`;
export const TWO_STEP_SETTINGS_PATH = "/settings/security#two-step";
export const registerPath = (callbackUrl: string) => `/register?callbackUrl=${encodeURIComponent(callbackUrl)}`;
/** The header's "Sign in" and "Register": back to `returnTo` afterwards, or the bare form when that is the home page. */
export const signInLinkPath = (returnTo: string) => (returnTo === "/" ? "/signin" : signInPath(returnTo));
export const registerLinkPath = (returnTo: string) => (returnTo === "/" ? "/register" : registerPath(returnTo));
export const FORGOT_PASSWORD_PATH = "/forgot-password";
export const SECURITY_SETTINGS_PATH = "/settings/security";
// Links sent by email: the token is the link's only secret.
export const confirmEmailPath = (token: string, returnTo?: string) =>
  `/confirm-email?token=${encodeURIComponent(token)}${returnTo ? `&callbackUrl=${encodeURIComponent(returnTo)}` : ""}`;
export const resetPasswordPath = (token: string) => `/reset-password?token=${encodeURIComponent(token)}`;
export const confirmEmailChangePath = (token: string) => `/confirm-email-change?token=${encodeURIComponent(token)}`;

// Organisations and commissions
export const organisationPath = (slug: string) => `/organisations/${slug}`;
export const organisationSettingsPath = (slug: string) => `${organisationPath(slug)}/settings`;
export const invitationPath = (id: string) => `/organisations/invitations/${id}`;
export const newCommissionPath = (organisationSlug: string) => `${organisationPath(organisationSlug)}/commissions/new`;
export const commissionPath = (id: string) => `/commissions/${id}`;
export const commissionEditPath = (id: string) => `${commissionPath(id)}/edit`;
export const commissionDashboardPath = (id: string) => `${commissionPath(id)}/dashboard`;
export const commissionCsvPath = (id: string) => `${commissionDashboardPath(id)}/csv`;
export const commissionInvitationsPath = (id: string) => `${commissionPath(id)}/invitations`;

// Votes
/** Every open proposal waiting for the signed-in person's vote; `groupSlug` limits it to one group. */
export const waitingVotesPath = (groupSlug?: string) =>
  groupSlug ? `/votes?group=${encodeURIComponent(groupSlug)}` : "/votes";

/** Where the reply composer's script sends its form (src/features/discussions/reply-endpoint.ts). */
export const REPLY_FORM_ENDPOINT = "/api/forms/reply";
