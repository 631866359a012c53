// One world for the authorization matrix: a group (open or approval) and one person for every kind
// of actor the authorization matrix distinguishes, plus the things mutations act on. Targets that a call
// could change for everyone (a group's members, a paper's status) are made fresh per call through
// the helpers here, with each actor standing in the fresh group exactly as in the world's group.

import { closeProposal } from "@/composition/decisions";
import { createProposal } from "@/features/proposals/mutations";
import type { JoinPolicy } from "@/generated/prisma/enums";
import type { Actor, OrganisationRoleName } from "@/server/authz/permissions";
import { db } from "@/server/db";
import {
  acceptCommissionedPaper,
  makeCommission,
  makeOrganisation,
  type TestOrganisation,
} from "./commission-factories";
import { makeThread, type TestThread } from "./discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./factories";
import { amend, endVoting, makePaper, type TestPaper, voteAll } from "./paper-factories";

export const ACTOR_KINDS = [
  "anonymous",
  "siteSuspended",
  "groupSuspended",
  "nonMember",
  "pending",
  "member",
  "moderator",
  "owner",
  "orgAdmin",
  "siteAdmin",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
type Person = Exclude<ActorKind, "anonymous">;

/** Every user has this password (hashed once per file by the factories), for changePassword. */
export const WORLD_PASSWORD = "correct horse battery staple";

/** How each kind stands in the world's group; null: no membership. */
const STANDING: Record<
  Person,
  { role: "OWNER" | "MODERATOR" | "MEMBER"; status: "ACTIVE" | "PENDING"; groupSuspended?: true } | null
> = {
  siteSuspended: null,
  groupSuspended: { role: "MEMBER", status: "ACTIVE", groupSuspended: true },
  nonMember: null,
  pending: { role: "MEMBER", status: "PENDING" },
  member: { role: "MEMBER", status: "ACTIVE" },
  moderator: { role: "MODERATOR", status: "ACTIVE" },
  owner: { role: "OWNER", status: "ACTIVE" },
  orgAdmin: null,
  siteAdmin: null,
};

export type ActorWorld = {
  joinPolicy: JoinPolicy;
  group: TestGroup;
  users: Record<Person, TestUser>;
  actors: Record<ActorKind, Actor>;
  /** Whether each kind is one of the world organisation's admins. */
  orgRole: Record<ActorKind, OrganisationRoleName | null>;
  organisation: TestOrganisation;
  paper: TestPaper;
  /** An open AMEND_SECTION proposal on `paper`, by the member. */
  proposal: { id: string };
  thread: TestThread;
  /** The organisation's commission, posted to the group and awaiting the group's decision. */
  commission: { id: string; awaitingPaperId: string };
};

const PERSPECTIVES: Partial<Record<Person, "PRACTITIONER" | "SERVICE_USER" | "BOTH">> = {
  owner: "PRACTITIONER",
  member: "SERVICE_USER",
  moderator: "BOTH",
};

/** A user nobody else uses: the target of a role change, a suspension, an invitation. */
export const bystander = () => makeUser();

async function giveStanding(group: TestGroup, user: TestUser, kind: Person) {
  const standing = STANDING[kind];
  if (!standing) return;
  await addMember(group, user, standing.role, standing.status, {
    suspendedUntil: standing.groupSuspended ? days(5) : null,
  });
}

/**
 * A new group of the world's policy where every actor stands as in the world's group. A second
 * owner (a bystander) lets the world's owner leave or be demoted without "last owner" refusals.
 */
export async function freshGroup(w: ActorWorld, joinPolicy: JoinPolicy = w.joinPolicy): Promise<TestGroup> {
  const group = await makeGroup(await bystander(), { joinPolicy });
  for (const kind of Object.keys(STANDING) as Person[]) await giveStanding(group, w.users[kind], kind);
  return group;
}

/** A commission by the world's organisation posted to `group`: returns the paper awaiting acceptance. */
export async function commissionIn(w: ActorWorld, group: TestGroup) {
  // Posting needs the poster to see the group; an approval group is seen by members only, so the
  // org admin is a member for the moment of posting and leaves again (they are no member in the matrix).
  const visiting = group.joinPolicy === "APPROVAL";
  if (visiting) await addMember(group, w.users.orgAdmin);
  const { commissionId, papers } = await makeCommission(w.users.orgAdmin, w.organisation, [group]);
  if (visiting) {
    await db.membership.delete({ where: { groupId_userId: { groupId: group.id, userId: w.users.orgAdmin.id } } });
    await db.group.update({ where: { id: group.id }, data: { memberCount: { decrement: 1 } } });
  }
  return { commissionId, paperId: papers[0]!.paperId };
}

/** A commissioned paper the group took on and published as version 1 (the real flow); returns the publication. */
export async function commissionedPublication(w: ActorWorld) {
  const group = await freshGroup(w, "OPEN");
  const { paperId } = await commissionIn(w, group);
  const voters = [w.actors.owner, w.actors.moderator, w.actors.member];
  await acceptCommissionedPaper(paperId, w.actors.member, voters);
  const paper = await db.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: { id: true, revisionNumber: true },
  });
  const publish = await createProposal(w.actors.owner, {
    kind: "PUBLISH",
    paperId,
    baseRevision: paper.revisionNumber,
    rationale: "Ready for readers now.",
    publicationNote: "",
  });
  await voteAll(voters, publish.id, "SUPPORT");
  await endVoting({ proposalIds: [publish.id] });
  if ((await closeProposal(publish.id)) !== "PUBLISHED") throw new Error("the commissioned paper was not published");
  return db.publication.findFirstOrThrow({ where: { paperId }, select: { id: true } });
}

/**
 * A fresh user standing exactly like `kind` (site role, suspension, group standing, organisation
 * role), for mutations that use up the actor, such as deleting the account.
 */
export async function cloneOf(w: ActorWorld, kind: ActorKind): Promise<Actor> {
  if (kind === "anonymous") return null;
  const source = w.users[kind];
  const user = await makeUser({
    siteRole: source.siteRole,
    suspendedUntil: source.suspendedUntil,
    password: WORLD_PASSWORD,
  });
  await giveStanding(w.group, user, kind);
  if (w.orgRole[kind])
    await db.organisationMember.create({ data: { organisationId: w.organisation.id, userId: user.id, role: "ADMIN" } });
  return actorOf(user);
}

export async function makeActorWorld(joinPolicy: JoinPolicy): Promise<ActorWorld> {
  const users = {} as Record<Person, TestUser>;
  for (const kind of Object.keys(STANDING) as Person[]) {
    users[kind] = await makeUser({
      perspective: PERSPECTIVES[kind],
      siteRole: kind === "siteAdmin" ? "ADMIN" : "MEMBER",
      suspendedUntil: kind === "siteSuspended" ? days(5) : null,
      password: WORLD_PASSWORD,
    });
  }
  // The owner made the group; everyone else stands as STANDING says.
  const group = await makeGroup(users.owner, { joinPolicy });
  for (const kind of Object.keys(STANDING) as Person[])
    if (kind !== "owner") await giveStanding(group, users[kind], kind);

  const actors = { anonymous: null } as Record<ActorKind, Actor>;
  const orgRole = {} as Record<ActorKind, OrganisationRoleName | null>;
  for (const kind of ACTOR_KINDS) {
    orgRole[kind] = kind === "orgAdmin" ? "ADMIN" : null;
    if (kind === "anonymous") continue;
    actors[kind] = actorOf(users[kind]);
  }

  const organisation = await makeOrganisation([users.orgAdmin]);
  const paper = await makePaper(group, users.owner);
  const proposal = await createProposal(
    actors.member,
    amend(paper, paper.sections[0]!, "Pay benefits every week, from the first week."),
  );
  const thread = await makeThread(group, users.owner, { posts: 3, replyAuthors: [users.member, users.moderator] });
  const w = { joinPolicy, group, users, actors, orgRole, organisation, paper, proposal, thread } as Omit<
    ActorWorld,
    "commission"
  >;
  const { commissionId, paperId } = await commissionIn(w as ActorWorld, group);
  return { ...w, commission: { id: commissionId, awaitingPaperId: paperId } };
}
