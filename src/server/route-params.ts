import "server-only";
import { notFound } from "next/navigation";
import { isParamOfShape, type ParamShape } from "@/lib/route-params";

type Shapes<P> = { [K in keyof P]: ParamShape };

/**
 * A page's path parameters, each checked against its shape (src/lib/route-params.ts). A value of
 * any other shape names nothing, so the page answers the site's 404 page before it queries anything.
 * Every parameter must be given a shape, so a page cannot forget one.
 *
 *   const { threadId, postId } = await pageParams(params, { threadId: "uuid", postId: "uuid" });
 */
export async function pageParams<P extends Record<string, string>>(params: Promise<P>, shapes: Shapes<P>): Promise<P> {
  const values = await routeParams(params, shapes);
  if (!values) notFound();
  return values;
}

/** The same check for route handlers, which answer in their own format: null when a value is malformed. */
export async function routeParams<P extends Record<string, string>>(
  params: Promise<P>,
  shapes: Shapes<P>,
): Promise<P | null> {
  const values = { ...(await params) };
  for (const key of Object.keys(shapes) as (keyof P)[]) {
    if (!isParamOfShape(shapes[key], values[key])) return null;
    // PostgreSQL reads a UUID in either case but answers in lower case, and Prisma matches the rows
    // of a batched lookup to their requests by the text: "7AA6…" would find its row and still fail.
    if (shapes[key] === "uuid") values[key] = values[key].toLowerCase() as P[keyof P];
  }
  return values;
}
