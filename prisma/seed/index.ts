// Seeds demo content on a database that has no users yet; does nothing otherwise,
// so `npm start` can run it on every start.
// Usage: DATABASE_URL=... tsx --conditions=react-server prisma/seed/index.ts
import { hash } from "@node-rs/argon2";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { SerialisedPrismaPg } from "../../src/server/pg-adapter.ts";
import { DEMO_GROUPS, DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-data.ts";

export async function seedDemoContent(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hash(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const user = await tx.user.create({
        data: {
          email: `${person.handle}@example.org`,
          // Demo accounts are confirmed: they take part from the first sign-in.
          emailConfirmedAt: new Date(),
          passwordHash,
          handle: person.handle,
          displayName: person.displayName,
          siteRole: person.admin ? "ADMIN" : "MEMBER",
          profile: {
            create: {
              perspective: person.perspective,
              sector: person.sector,
              fieldDetail: person.fieldDetail,
              bio: person.bio,
            },
          },
        },
        select: { id: true },
      });
      ids.set(person.handle, user.id);
    }
    const id = (handle: string) => {
      const found = ids.get(handle);
      if (!found) throw new Error(`Demo data names an unknown person: ${handle}`);
      return found;
    };
    for (const g of DEMO_GROUPS) {
      const active = [
        { handle: g.owner, role: "OWNER" as const },
        ...g.moderators.map((handle) => ({ handle, role: "MODERATOR" as const })),
        ...g.members.map((handle) => ({ handle, role: "MEMBER" as const })),
      ];
      const group = await tx.group.create({
        data: {
          slug: g.slug,
          name: g.name,
          description: g.description,
          joinPolicy: g.joinPolicy,
          sector: g.sector,
          createdById: id(g.owner),
          memberCount: active.length,
        },
        select: { id: true },
      });
      await tx.membership.createMany({
        data: [
          ...active.map((m) => ({
            groupId: group.id,
            userId: id(m.handle),
            role: m.role,
            status: "ACTIVE" as const,
            joinedAt: new Date(),
          })),
          ...(g.pending ?? []).map((p) => ({
            groupId: group.id,
            userId: id(p.handle),
            status: "PENDING" as const,
            requestNote: p.note,
          })),
        ],
      });
    }
  });
  return true;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isMain) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    process.exit(1);
  }
  const prisma = new PrismaClient({ adapter: new SerialisedPrismaPg({ connectionString: url }) });
  seedDemoContent(prisma)
    .then(async (seeded) => {
      if (!seeded) return console.log("Demo content: database already has people; nothing seeded.");
      // Discussions and the paper go through the platform's own data layer (see demo-content.ts).
      const { seedDemoDiscussionsAndPaper } = await import("./demo-content.ts");
      await seedDemoDiscussionsAndPaper();
      console.log(
        `Seeded demo content: ${DEMO_PEOPLE.length} people, ${DEMO_GROUPS.length} groups, discussions, a policy paper and a commission.`,
      );
    })
    .catch((error) => {
      console.error("Seeding failed:", error);
      process.exitCode = 1;
    })
    // The data layer's pools (Prisma, rate limits) would otherwise keep the process alive.
    .finally(() => prisma.$disconnect().then(() => process.exit()));
}
