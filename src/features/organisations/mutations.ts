import "server-only";
import { slugify, uniqueSlug } from "@/lib/slug";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { unauthenticated } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { withSlugRetry } from "@/server/slug-retry";
import type { CreateOrganisationInput, UpdateOrganisationInput } from "./schemas";

/** Path segments under /organisations that are pages, not organisations. */
const RESERVED_SLUGS = ["new", "invitations"];

/**
 * A member creates an organisation and becomes its first admin. The web address comes from the
 * name; two organisations with the same name created at once both get one (the loser retries).
 */
export async function createOrganisation(actor: Actor, input: CreateOrganisationInput) {
  const { me } = await authorize(actor, "organisation.create");
  const rendered = await renderForWrite({ description: input.description }, { by: me.id });
  const base = slugify(input.name);
  const created = await withSlugRetry(async (tx) => {
    const taken = await tx.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = uniqueSlug(base, [...taken.map((o) => o.slug), ...RESERVED_SLUGS]);
    return tx.organisation.create({
      data: {
        slug,
        name: input.name,
        kind: input.kind,
        website: input.website ?? null,
        description: input.description,
        createdById: me.id,
        members: { create: { userId: me.id, role: "ADMIN" } },
      },
      select: { id: true, slug: true },
    });
  });
  await rendered.save();
  return created;
}

/** Admins edit the details; the web address stays put so links keep working. */
export async function updateOrganisation(actor: Actor, input: UpdateOrganisationInput) {
  if (!actor) throw unauthenticated();
  const rendered = await renderForWrite({ description: input.description }, { by: actor.id });
  const updated = await db.$transaction(async (tx) => {
    const { organisation } = await authorize(
      actor,
      "organisation.update",
      { organisationId: input.organisationId },
      tx,
    );
    await tx.organisation.update({
      where: { id: organisation.id },
      data: { name: input.name, kind: input.kind, website: input.website ?? null, description: input.description },
      select: { id: true },
    });
    return { slug: organisation.slug };
  });
  await rendered.save();
  return updated;
}
