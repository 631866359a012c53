import { publicationPath } from "../published";

/** "How this was decided" for one section of a published version. */
export const publishedSectionPath = (groupSlug: string, paperSlug: string, version: number, anchor: string) =>
  `${publicationPath(groupSlug, paperSlug, version)}/sections/${anchor}`;
